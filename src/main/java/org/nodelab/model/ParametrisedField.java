package org.nodelab.model;

import java.util.List;
import org.nodelab.nn.Parameter;
import org.nodelab.ode.VectorField;

/** A vector field {@code f(t, h)} that owns named parameters (a time-dependent module, a hypernetwork). */
public interface ParametrisedField extends VectorField {

  /**
   * The trainable parameters, each with a name unique within this field.
   *
   * @return the parameters, in declaration order
   */
  List<Parameter> parameters();
}
