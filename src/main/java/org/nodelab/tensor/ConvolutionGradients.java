package org.nodelab.tensor;

import java.util.List;

/**
 * The backward pass of {@link Convolution#conv2d} as differentiable operations, for recorded
 * gradients: the input gradient (a transposed convolution of the output gradient) and the weight
 * gradient (a correlation of input and output gradient) are operations of their own whose backward
 * passes are again convolutions and these two, so the three are closed under differentiation. Their
 * values come from the convolution's own first-order backward pass.
 */
final class ConvolutionGradients {
  private ConvolutionGradients() {}

  /** The gradients of {@code conv2d(x, weight, bias)} for the output gradient {@code g}. */
  static Tensor[] of(Tensor x, Tensor weight, Tensor bias, int stride, int padding, Tensor g, boolean[] wanted) {
    Tensor gx = wanted[0] ? inputGradient(g, weight, x.shapeRef(), stride, padding) : null;
    Tensor gw = wanted[1] ? weightGradient(x, g, weight.shapeRef(), stride, padding) : null;
    Tensor gb = wanted[2] ? g.sum(3, false).sum(2, false).sum(0, false) : null;
    return new Tensor[] {gx, gw, gb};
  }

  /** {@code ∂⟨gy, conv2d(x, w)⟩/∂x}: linear in {@code gy} and in {@code w}. */
  static Tensor inputGradient(Tensor gy, Tensor w, int[] xShape, int stride, int padding) {
    Tensor value;
    try (NoGrad on = NoGrad.enable()) {
      Tensor probe = Tensor.zeros(xShape).requiresGrad();
      Tensor y = Convolution.conv2d(probe, w.detach(), null, stride, padding);
      value = Tensor.gradients(y, gy.detach(), List.of(probe)).get(0);
    }
    Tensor out = Tensor.result(value.data(), xShape.clone());
    if (!Tensor.recording(gy, w)) {
      return out;
    }
    int[] wShape = w.shapeRef().clone();
    return out.record("conv2dInputGradient", new Tensor[] {gy, w}, (u, s) -> {
      Tensor upstream = Tensor.result(u, xShape.clone());
      double[] ggy = s.of(gy);
      double[] gw = s.of(w);
      try (NoGrad off = new NoGrad()) {
        if (ggy != null) {
          Kernels.scatterAdd(Convolution.conv2d(upstream, w, null, stride, padding).data(), null, ggy);
        }
        if (gw != null) {
          Kernels.scatterAdd(weightGradient(upstream, gy, wShape, stride, padding).data(), null, gw);
        }
      }
    }, (u, wanted) -> new Tensor[] {
        wanted[0] ? Convolution.conv2d(u, w, null, stride, padding) : null,
        wanted[1] ? weightGradient(u, gy, wShape, stride, padding) : null});
  }

  /** {@code ∂⟨gy, conv2d(x, w)⟩/∂w}: linear in {@code x} and in {@code gy}. */
  static Tensor weightGradient(Tensor x, Tensor gy, int[] wShape, int stride, int padding) {
    Tensor value;
    try (NoGrad on = NoGrad.enable()) {
      Tensor probe = Tensor.zeros(wShape).requiresGrad();
      Tensor y = Convolution.conv2d(x.detach(), probe, null, stride, padding);
      value = Tensor.gradients(y, gy.detach(), List.of(probe)).get(0);
    }
    Tensor out = Tensor.result(value.data(), wShape.clone());
    if (!Tensor.recording(x, gy)) {
      return out;
    }
    int[] xShape = x.shapeRef().clone();
    return out.record("conv2dWeightGradient", new Tensor[] {x, gy}, (v, s) -> {
      Tensor upstream = Tensor.result(v, wShape.clone());
      double[] gx = s.of(x);
      double[] ggy = s.of(gy);
      try (NoGrad off = new NoGrad()) {
        if (gx != null) {
          Kernels.scatterAdd(inputGradient(gy, upstream, xShape, stride, padding).data(), null, gx);
        }
        if (ggy != null) {
          Kernels.scatterAdd(Convolution.conv2d(x, upstream, null, stride, padding).data(), null, ggy);
        }
      }
    }, (v, wanted) -> new Tensor[] {
        wanted[0] ? inputGradient(gy, v, xShape, stride, padding) : null,
        wanted[1] ? Convolution.conv2d(x, v, null, stride, padding) : null});
  }
}
