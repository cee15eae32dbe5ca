package org.nodelab.model;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.nodelab.nn.Module;
import org.nodelab.nn.Parameter;
import org.nodelab.tensor.Tensor;

/**
 * A residual network of {@code n} blocks, {@code h_{j+1} = h_j + f_j(h_j)} (He et al. 2016; the
 * seed's eq. 2): with one shared block it is {@code n} Euler steps of size 1 of {@code dh/dt =
 * f(h)}; with a fresh block per step (the usual ResNet) every step has its own weights. Parameters
 * are named by block ({@code "0.0.weight"}); a block used several times counts once.
 */
public final class ResNet implements Module {
  private final List<Module> blocks;

  /**
   * {@code n} blocks, each from {@code block.get()}: a new module per call gives separate weights.
   *
   * @param n the number of blocks, at least 1
   * @param block makes each block
   */
  public ResNet(int n, Supplier<Module> block) {
    if (n <= 0) {
      throw new IllegalArgumentException("a ResNet needs at least one block, got " + n);
    }
    List<Module> list = new ArrayList<>(n);
    for (int j = 0; j < n; j++) {
      list.add(java.util.Objects.requireNonNull(block.get(), "block " + j));
    }
    this.blocks = List.copyOf(list);
  }

  /**
   * The blocks, first applied first.
   *
   * @return the blocks, in order
   */
  public List<Module> blocks() {
    return blocks;
  }

  @Override
  public Tensor apply(Tensor x) {
    Tensor h = x;
    for (Module block : blocks) {
      Tensor update = block.apply(h);
      if (!java.util.Arrays.equals(update.shape(), h.shape())) {
        throw new IllegalArgumentException("a residual block must keep the shape " + java.util.Arrays.toString(h.shape())
            + ", got " + java.util.Arrays.toString(update.shape()));
      }
      h = h.add(update);
    }
    return h;
  }

  @Override
  public List<Parameter> parameters() {
    return Module.collectIndexed(blocks);
  }

  @Override
  public String toString() {
    return "ResNet(" + blocks.size() + " blocks)";
  }
}
