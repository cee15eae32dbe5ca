package org.nodelab.ode;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import org.nodelab.tensor.Tensor;

/**
 * The one place where nodelab finds a lambda field's parameters from the tape: the tensors
 * requiring a gradient that a field uses besides its state, and the check that a field used no
 * other one later in a solve (so a parameter is never left with a silent zero gradient).
 */
public final class FieldParameters {
  private FieldParameters() {}

  /**
   * The leaves requiring a gradient that {@code f(t, y)} uses, other than the state, in tape order.
   *
   * @param f the field
   * @param t a time
   * @param y a state
   * @return the leaves, each once
   */
  public static List<Tensor> probe(VectorField f, double t, Tensor y) {
    try (var on = Tensor.enableGrad()) {
      Tensor state = y.detach().requiresGrad();
      List<Tensor> found = new ArrayList<>();
      for (Tensor leaf : f.apply(t, state).leaves()) {
        if (leaf != state) {
          found.add(leaf);
        }
      }
      return found;
    }
  }

  /**
   * Throws if {@code result} depends on a leaf requiring a gradient that is neither in {@code known}
   * nor in {@code allowed}: a field that uses a tensor at some times only (a branch on {@code t})
   * must have its parameters declared, or that tensor would get no gradient.
   *
   * @param result a value of the field
   * @param known the parameters found so far
   * @param allowed further tensors the result may depend on (the state, the input)
   * @param t the time of the evaluation, for the message
   */
  public static void checkComplete(Tensor result, Collection<Tensor> known, Collection<Tensor> allowed, double t) {
    if (!result.requiresGradient()) {
      return;
    }
    Set<Tensor> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    seen.addAll(known);
    seen.addAll(allowed);
    for (Tensor leaf : result.leaves()) {
      if (!seen.contains(leaf)) {
        throw new IllegalStateException("the field uses a tensor of shape " + java.util.Arrays.toString(leaf.shape())
            + " requiring a gradient (at or before t = " + t + ") that it did not use when its parameters were found "
            + "at the start time, so it would get no gradient: declare the field's parameters, "
            + "ode(f).parameters(w1, w2, ...), or build the field from a Module");
      }
    }
  }
}
