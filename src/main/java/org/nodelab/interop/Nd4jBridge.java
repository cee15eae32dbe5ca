package org.nodelab.interop;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nodelab.tensor.Tensor;

/**
 * Copies between {@link Tensor} and ND4J's {@link INDArray} (row-major, double precision). Needs
 * {@code org.nd4j:nd4j-api} and a backend such as {@code nd4j-native} on the class path; the rest
 * of nodelab never loads this class.
 */
public final class Nd4jBridge {
  private Nd4jBridge() {}

  /**
   * A new double-precision {@code INDArray} with the tensor's shape and values (no gradient).
   *
   * @param t the tensor
   * @return the array, a copy
   */
  public static INDArray toIndArray(Tensor t) {
    int[] shape = t.shape();
    long[] dims = new long[shape.length];
    for (int i = 0; i < shape.length; i++) {
      dims[i] = shape[i];
    }
    return Nd4j.create(t.toArray(), dims, 'c');
  }

  /**
   * A new tensor with the array's shape and values, converted to double and row-major order.
   *
   * @param a the array, of any data type and order
   * @return the tensor, a copy, not requiring a gradient
   */
  public static Tensor fromIndArray(INDArray a) {
    INDArray c = a.castTo(DataType.DOUBLE).dup('c');
    long[] dims = c.shape();
    int[] shape = new int[dims.length];
    for (int i = 0; i < dims.length; i++) {
      if (dims[i] > Integer.MAX_VALUE) {
        throw new IllegalArgumentException("dimension " + i + " of length " + dims[i] + " is too long for a Tensor");
      }
      shape[i] = (int) dims[i];
    }
    return Tensor.of(c.data().asDouble(), shape);
  }
}
