package org.nodelab.data;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.SplittableRandom;
import java.util.zip.GZIPInputStream;
import org.nodelab.tensor.Tensor;

/**
 * The 10,000 MNIST digits shipped in {@code datasets/} (LeCun, Cortes and Burges), images {@code [N,
 * 1, 28, 28]} scaled to [0, 1] as torchvision's {@code ToTensor}, labels 0..9; and torchvision's
 * {@code RandomCrop(28, padding=4)} augmentation.
 */
public final class Mnist {
  /** Digits used for training; the rest are held out. */
  public static final int TRAINING = 8000;

  private Mnist() {}

  /**
   * The first 8,000 digits for training and the last 2,000 held out, in the files' fixed order.
   *
   * @return the training and held-out digits
   */
  public static Dataset.Split load() {
    Tensor images = resource("mnist-10k-images-idx3-ubyte.gz");
    Tensor labels = resource("mnist-10k-labels-idx1-ubyte.gz");
    return split(images, labels);
  }

  /** Images {@code [N, H, W]} (0..255) and labels {@code [N]} from IDX files as a split at {@link #TRAINING}. */
  static Dataset.Split split(Tensor images, Tensor labels) {
    if (images.rank() != 3 || labels.rank() != 1 || images.dim(0) != labels.dim(0) || images.dim(0) <= TRAINING) {
      throw new IllegalArgumentException("expected images [N, H, W] and labels [N] with N > " + TRAINING
          + ", got " + java.util.Arrays.toString(images.shape()) + " and " + java.util.Arrays.toString(labels.shape()));
    }
    int n = images.dim(0);
    Tensor x = images.div(255).reshape(n, 1, images.dim(1), images.dim(2));
    Dataset all = new Dataset(x, labels);
    return new Dataset.Split(all.rows(range(0, TRAINING)), all.rows(range(TRAINING, n)));
  }

  /**
   * Each image of {@code [N, C, H, W]} padded with {@code padding} zeros on every side and cropped
   * back to {@code H × W} at a seeded random offset (torchvision's {@code RandomCrop(H, padding)}).
   *
   * @param images the images {@code [N, C, H, W]}
   * @param padding the zero padding on each side
   * @param seed the seed of the offsets
   * @return the cropped images, same shape
   */
  public static Tensor randomCrop(Tensor images, int padding, long seed) {
    if (images.rank() != 4 || padding < 0) {
      throw new IllegalArgumentException("randomCrop needs images [N, C, H, W] and padding >= 0, got "
          + java.util.Arrays.toString(images.shape()) + " and " + padding);
    }
    int n = images.dim(0);
    int c = images.dim(1);
    int h = images.dim(2);
    int w = images.dim(3);
    double[] src = images.toArray();
    double[] dst = new double[src.length];
    SplittableRandom random = new SplittableRandom(seed);
    for (int s = 0; s < n; s++) {
      int dy = random.nextInt(2 * padding + 1) - padding;
      int dx = random.nextInt(2 * padding + 1) - padding;
      for (int ch = 0; ch < c; ch++) {
        int plane = (s * c + ch) * h * w;
        for (int i = 0; i < h; i++) {
          int si = i + dy;
          if (si < 0 || si >= h) {
            continue;
          }
          for (int j = 0; j < w; j++) {
            int sj = j + dx;
            if (sj >= 0 && sj < w) {
              dst[plane + i * w + j] = src[plane + si * w + sj];
            }
          }
        }
      }
    }
    return Tensor.of(dst, images.shape());
  }

  private static int[] range(int from, int to) {
    int[] r = new int[to - from];
    java.util.Arrays.setAll(r, i -> from + i);
    return r;
  }

  private static Tensor resource(String name) {
    String path = "/datasets/" + name;
    try (InputStream raw = Mnist.class.getResourceAsStream(path)) {
      if (raw == null) {
        throw new IllegalStateException(path + " is not on the class path (is datasets/ packaged?)");
      }
      return Idx.read(new GZIPInputStream(raw), name);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + path, e);
    }
  }
}
