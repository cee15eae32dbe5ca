package org.nodelab.train;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.nodelab.data.Batch;
import org.nodelab.nn.Module;
import org.nodelab.tensor.Tensor;

/**
 * What a training step minimises: a function from the model and a batch to a scalar, with named
 * extra terms that the {@link History} records as columns of their own (an ELBO's KL term, a
 * kinetic-energy regulariser). The supervised loss {@code loss(model(x), y)} is one case:
 * {@link #supervised(Loss)}.
 */
@FunctionalInterface
public interface Objective {

  /**
   * The value to minimise on {@code batch}, with its named terms.
   *
   * @param model the model trained
   * @param batch the batch of the step
   * @return the value and its terms
   */
  Value evaluate(Module model, Batch batch);

  /**
   * {@code loss.apply(model.apply(x), y)}: the supervised objective.
   *
   * @param loss the loss of prediction and target
   * @return the objective of the trainer's {@code loss(...)}
   */
  static Objective supervised(Loss loss) {
    Objects.requireNonNull(loss, "loss");
    return (model, batch) -> Value.of(loss.apply(model.apply(batch.x()), batch.y()));
  }

  /**
   * An objective's value: the single-element tensor to back-propagate and the named terms (each a
   * single-element tensor, recorded but not added by the trainer).
   */
  record Value(Tensor total, Map<String, Tensor> terms) {
    /**
     * Rejects a missing or non-scalar total and reserved term names.
     *
     * @param total the value to minimise, one element
     * @param terms named single-element tensors recorded as history columns
     */
    public Value {
      Objects.requireNonNull(total, "total");
      if (total.size() != 1) {
        throw new IllegalArgumentException("an objective's total must have one element, got shape "
            + java.util.Arrays.toString(total.shape()));
      }
      terms = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(terms));
      for (Map.Entry<String, Tensor> e : terms.entrySet()) {
        if (History.RESERVED.contains(e.getKey())) {
          throw new IllegalArgumentException("the term name '" + e.getKey() + "' is a history column already; "
              + "reserved: " + History.RESERVED);
        }
        if (e.getValue().size() != 1) {
          throw new IllegalArgumentException("term '" + e.getKey() + "' must have one element, got shape "
              + java.util.Arrays.toString(e.getValue().shape()));
        }
      }
    }

    /**
     * A value without extra terms.
     *
     * @param total the value to minimise, one element
     * @return the value, with no terms
     */
    public static Value of(Tensor total) {
      return new Value(total, Map.of());
    }

    /**
     * This value with one more named term recorded.
     *
     * @param name the column's name, not a reserved one ({@code loss}, {@code step}, ...)
     * @param term a single-element tensor
     * @return a new value
     */
    public Value with(String name, Tensor term) {
      Map<String, Tensor> more = new LinkedHashMap<>(terms);
      more.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(term, "term"));
      return new Value(total, more);
    }
  }
}
