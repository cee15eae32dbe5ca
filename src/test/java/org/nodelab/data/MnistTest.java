package org.nodelab.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import org.junit.jupiter.api.Test;
import org.nodelab.tensor.Tensor;

/**
 * The IDX reader and the shipped MNIST subset: class counts against those stated with the data
 * (1001, 1127, 991, 1032, 980, 863, 1014, 1070, 944, 978), shapes, scaling, random crops.
 */
class MnistTest {
  @Test
  void shippedDigitsHaveTheirStatedClassCountsAndScale() {
    Dataset.Split split = Mnist.load();
    assertArrayEquals(new int[] {8000, 1, 28, 28}, split.train().x().shape());
    assertArrayEquals(new int[] {2000, 1, 28, 28}, split.test().x().shape());
    int[] counts = new int[10];
    for (Dataset d : new Dataset[] {split.train(), split.test()}) {
      for (double label : d.y().toArray()) {
        counts[(int) label]++;
      }
      double min = Double.MAX_VALUE;
      double max = -Double.MAX_VALUE;
      for (double v : d.x().toArray()) {
        min = Math.min(min, v);
        max = Math.max(max, v);
      }
      assertEquals(0, min, 0);
      assertEquals(1, max, 0);
    }
    assertArrayEquals(new int[] {1001, 1127, 991, 1032, 980, 863, 1014, 1070, 944, 978}, counts);
  }

  @Test
  void idxOfEveryTypeReadsBackWhatWasWritten() throws IOException {
    int[] types = {0x08, 0x09, 0x0B, 0x0C, 0x0D, 0x0E};
    double[] values = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11};
    for (int type : types) {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      DataOutputStream out = new DataOutputStream(bytes);
      out.writeInt((type << 8) | 3);
      out.writeInt(2);
      out.writeInt(3);
      out.writeInt(2);
      for (double v : values) {
        switch (type) {
          case 0x08, 0x09 -> out.writeByte((int) v);
          case 0x0B -> out.writeShort((int) v);
          case 0x0C -> out.writeInt((int) v);
          case 0x0D -> out.writeFloat((float) v);
          default -> out.writeDouble(v);
        }
      }
      Tensor t = Idx.read(new ByteArrayInputStream(bytes.toByteArray()), "test");
      assertArrayEquals(new int[] {2, 3, 2}, t.shape(), "type " + type);
      assertArrayEquals(values, t.toArray(), 0, "type " + type);
    }
  }

  @Test
  void badIdxFilesAreRejectedWithWhatWasWrong() {
    byte[] badMagic = {0, 0, 0x07, 1, 0, 0, 0, 1, 5};
    byte[] truncatedHeader = {0, 0, 0x08, 2, 0, 0, 0, 1};
    byte[] truncatedData = {0, 0, 0x08, 1, 0, 0, 0, 3, 1, 2};
    assertTrue(message(badMagic).contains("bad IDX magic number 0x00000701"), message(badMagic));
    assertTrue(message(truncatedHeader).contains("1 of 2 sizes"), message(truncatedHeader));
    assertTrue(message(truncatedData).contains("3 values but only 2"), message(truncatedData));
  }

  @Test
  void randomCropShiftsEachImageByAtMostThePadding() {
    double[] one = new double[81];
    one[4 * 9 + 4] = 1;
    Tensor x = Tensor.of(one, 1, 1, 9, 9);
    for (long seed = 0; seed < 20; seed++) {
      double[] cropped = Mnist.randomCrop(x, 2, seed).toArray();
      int at = -1;
      for (int i = 0; i < 81; i++) {
        if (cropped[i] == 1) {
          at = i;
        }
      }
      assertTrue(Math.abs(at / 9 - 4) <= 2 && Math.abs(at % 9 - 4) <= 2, "seed " + seed + ": pixel at " + at);
    }
  }

  private static String message(byte[] file) {
    return assertThrows(IllegalArgumentException.class, () -> Idx.read(new ByteArrayInputStream(file), "f")).getMessage();
  }
}
