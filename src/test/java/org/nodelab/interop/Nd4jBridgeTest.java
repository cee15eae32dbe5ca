package org.nodelab.interop;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nodelab.tensor.Tensor;

class Nd4jBridgeTest {

  @Test
  void tensorsRoundTripThroughNd4jWithShapeAndValues() {
    Tensor t = Tensor.randn(1, 2, 3, 4);
    INDArray a = Nd4jBridge.toIndArray(t);
    assertArrayEquals(new long[] {2, 3, 4}, a.shape());
    assertEquals(t.get(1, 2, 3), a.getDouble(1, 2, 3), 0);
    assertArrayEquals(t.toArray(), Nd4jBridge.fromIndArray(a).toArray(), 0);
  }

  @Test
  void nd4jResultsComeBackAsTensors() {
    // ND4J computes a matrix product; nodelab's own product of the same matrices must agree.
    Tensor x = Tensor.randn(2, 3, 5);
    Tensor w = Tensor.randn(3, 5, 2);
    INDArray product = Nd4jBridge.toIndArray(x).mmul(Nd4jBridge.toIndArray(w));
    assertArrayEquals(x.matmul(w).toArray(), Nd4jBridge.fromIndArray(product).toArray(), 1e-12);
  }

  @Test
  void columnMajorAndFloatArraysAreConverted() {
    INDArray f = Nd4j.create(new float[] {1, 2, 3, 4, 5, 6}, new long[] {2, 3}, 'f').castTo(DataType.FLOAT);
    Tensor t = Nd4jBridge.fromIndArray(f);
    assertArrayEquals(new int[] {2, 3}, t.shape());
    assertEquals(f.getDouble(1, 0), t.get(1, 0), 0);
    assertEquals(f.getDouble(0, 2), t.get(0, 2), 0);
  }
}
