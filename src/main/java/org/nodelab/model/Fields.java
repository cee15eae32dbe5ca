package org.nodelab.model;

import java.util.ArrayList;
import java.util.List;
import org.nodelab.nn.Module;
import org.nodelab.nn.Parameter;
import org.nodelab.ode.FieldParameters;
import org.nodelab.ode.VectorField;
import org.nodelab.tensor.Tensor;

/** Vector fields from modules, and the parameters a field uses. */
public final class Fields {
  private Fields() {}

  /**
   * {@code (t, h) -> module(h)}: an autonomous field that ignores t.
   *
   * @param module the module giving {@code dh/dt = module(h)}
   * @return the field, exposing the module's parameters
   */
  public static VectorField of(Module module) {
    return (t, h) -> module.apply(h);
  }

  /**
   * {@code (t, h) -> module([h, t])}: a depth-dependent field that sees t as one more input
   * column, as torchdiffeq's examples concatenate it (the module takes {@code dim + 1} inputs).
   *
   * @param module a module taking {@code dim + 1} inputs, the state then t
   * @return the field, exposing the module's parameters
   */
  public static VectorField withTime(Module module) {
    return (t, h) -> {
      int[] shape = h.shape();
      shape[shape.length - 1] = 1;
      return module.apply(Tensor.concat(-1, h, Tensor.full(t, shape)));
    };
  }

  /**
   * The leaves requiring a gradient that {@code f} uses at {@code (t, h)}, found from the tape, as
   * parameters named {@code prefix.0}, {@code prefix.1}, ... (a lambda closing over tensors needs
   * no parameter list).
   */
  static List<Parameter> discover(VectorField f, double t, Tensor h, String prefix) {
    List<Parameter> found = new ArrayList<>();
    for (Tensor leaf : FieldParameters.probe(f, t, h)) {
      found.add(new Parameter(prefix + "." + found.size(), leaf));
    }
    return found;
  }
}
