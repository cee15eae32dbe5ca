package org.nodelab.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.nodelab.tensor.Tensor;
import org.nodelab.testing.GradCheck;

/**
 * {@link RnnCell} and {@link GruCell} against PyTorch 1.13 float64 ({@code torch/recurrent_reference.json}
 * from {@code recurrent_reference.py}: outputs and all gradients to 1e-12), against central
 * differences along random directions (relative 1e-7), the sequence runs against step-by-step loops
 * (1e-13), and the initialisation against PyTorch's uniform bound.
 */
class RecurrentCellTest {
  static JsonObject reference() throws Exception {
    try (var in = RecurrentCellTest.class.getResourceAsStream("/torch/recurrent_reference.json")) {
      return JsonParser.parseReader(new InputStreamReader(in, StandardCharsets.UTF_8)).getAsJsonObject();
    }
  }

  static double[] values(JsonObject o, String key) {
    JsonArray a = o.getAsJsonArray(key);
    double[] v = new double[a.size()];
    for (int i = 0; i < v.length; i++) {
      v[i] = a.get(i).getAsDouble();
    }
    return v;
  }

  /** PyTorch's {@code [out, in]} weight as nodelab's {@code [in, out]}. */
  private static Tensor transposed(double[] w, int out, int in) {
    return Tensor.of(w, out, in).transpose().detach().requiresGrad();
  }

  @Test
  void rnnAndGruMatchPyTorch() throws Exception {
    for (var e : reference().getAsJsonArray("cells")) {
      JsonObject c = e.getAsJsonObject();
      String name = c.get("name").getAsString();
      int in = c.get("in").getAsInt();
      int hidden = c.get("hidden").getAsInt();
      int batch = c.get("batch").getAsInt();
      int gates = name.equals("gru") ? 3 : 1;
      Tensor wih = transposed(values(c, "weight_ih"), gates * hidden, in);
      Tensor whh = transposed(values(c, "weight_hh"), gates * hidden, hidden);
      Tensor bih = Tensor.of(values(c, "bias_ih")).requiresGrad();
      Tensor bhh = Tensor.of(values(c, "bias_hh")).requiresGrad();
      RecurrentCell cell = name.equals("gru") ? new GruCell(wih, whh, bih, bhh) : new RnnCell(wih, whh, bih, bhh);
      Tensor x = Tensor.of(values(c, "x"), batch, in).requiresGrad();
      Tensor h = Tensor.of(values(c, "h"), batch, hidden).requiresGrad();
      Tensor y = cell.step(x, h);
      assertArrayEquals(values(c, "output"), y.toArray(), 1e-12, name + " output");
      y.mul(Tensor.of(values(c, "seed"), batch, hidden)).sum().backward();
      assertArrayEquals(values(c, "grad_x"), x.grad().toArray(), 1e-12, name + " dx");
      assertArrayEquals(values(c, "grad_h"), h.grad().toArray(), 1e-12, name + " dh");
      assertArrayEquals(values(c, "grad_weight_ih"), wih.grad().transpose().toArray(), 1e-12, name + " dW_ih");
      assertArrayEquals(values(c, "grad_weight_hh"), whh.grad().transpose().toArray(), 1e-12, name + " dW_hh");
      assertArrayEquals(values(c, "grad_bias_ih"), bih.grad().toArray(), 1e-12, name + " db_ih");
      assertArrayEquals(values(c, "grad_bias_hh"), bhh.grad().toArray(), 1e-12, name + " db_hh");
    }
  }

  @Test
  void initialisationIsUniformWithinPyTorchsBound() {
    for (RecurrentCell cell : List.of(new RnnCell(3, 16, 1), new GruCell(3, 16, 2))) {
      double bound = 1 / Math.sqrt(16);
      for (Parameter p : cell.parameters()) {
        double[] v = p.value().toArray();
        double max = 0;
        double sumSq = 0;
        for (double x : v) {
          max = Math.max(max, Math.abs(x));
          sumSq += x * x;
        }
        assertTrue(max <= bound, p.name() + " within ±1/√hidden");
        if (v.length >= 48) {
          assertEquals(bound * bound / 3, sumSq / v.length, 0.35 * bound * bound / 3, p.name() + " variance of U(±b)");
        }
      }
    }
    RnnCell cat = RnnCell.concatenated(2, 25, 3);
    assertEquals(3, cat.parameters().size(), "one bias, as one Linear(27, 25)");
    double catMax = 0;
    for (double x : cat.weightHh().toArray()) {
      catMax = Math.max(catMax, Math.abs(x));
    }
    assertTrue(catMax <= 1 / Math.sqrt(27) && catMax > 1 / Math.sqrt(27) * 0.9, "bound 1/√(in + hidden)");
  }

  @Test
  void stepGradientsMatchCentralDifferences() {
    GruCell gru = new GruCell(3, 4, 5);
    RnnCell rnn = new RnnCell(3, 4, 6);
    Tensor x = Tensor.randn(7, 2, 3);
    Tensor h = Tensor.randn(8, 2, 4);
    GradCheck.check(xs -> gru.step(xs.get(0), xs.get(1)), 9, 1e-7, x, h);
    GradCheck.check(xs -> rnn.step(xs.get(0), xs.get(1)), 10, 1e-7, x, h);
    parameterGradientsMatchCentralDifferences(gru, x, h, 18);
    parameterGradientsMatchCentralDifferences(rnn, x, h, 19);
  }

  /** {@code ⟨∂(u·step)/∂θ, v⟩} by reverse mode against the central difference along v over all parameters. */
  private static void parameterGradientsMatchCentralDifferences(RecurrentCell cell, Tensor x, Tensor h, long seed) {
    cell.zeroGrad();
    Tensor u = Tensor.randn(seed, x.dim(0), cell.hidden());
    cell.step(x, h).mul(u).sum().backward();
    double reverse = 0;
    SplittableRandom random = new SplittableRandom(seed);
    List<double[]> directions = new java.util.ArrayList<>();
    for (Parameter p : cell.parameters()) {
      double[] v = new double[p.size()];
      double[] g = p.value().grad().toArray();
      for (int i = 0; i < v.length; i++) {
        v[i] = random.nextGaussian();
        reverse += g[i] * v[i];
      }
      directions.add(v);
    }
    double eps = GradCheck.EPS;
    double[] sides = new double[2];
    for (int side = 0; side < 2; side++) {
      double sign = side == 0 ? 1 : -1;
      shift(cell, directions, sign * eps);
      sides[side] = Tensor.noGrad(() -> cell.step(x, h).mul(u).sum().item());
      shift(cell, directions, -sign * eps);
    }
    double central = (sides[0] - sides[1]) / (2 * eps);
    assertEquals(central, reverse, 1e-7 * Math.max(1, Math.abs(central)), cell + " parameters");
  }

  private static void shift(RecurrentCell cell, List<double[]> directions, double by) {
    List<Parameter> ps = cell.parameters();
    for (int k = 0; k < ps.size(); k++) {
      double[] w = ps.get(k).value().toArray();
      for (int i = 0; i < w.length; i++) {
        w[i] += by * directions.get(k)[i];
      }
      ps.get(k).value().assign(w);
    }
  }

  @Test
  void sequencesAgreeWithStepLoopsBothWays() {
    Tensor xs = Tensor.randn(12, 5, 3, 2);
    Tensor h0 = Tensor.randn(13, 3, 4);
    for (RecurrentCell cell : List.of(new RnnCell(2, 4, 14), RnnCell.concatenated(2, 4, 15), new GruCell(2, 4, 16))) {
      for (boolean backwards : new boolean[] {false, true}) {
        Tensor all = cell.sequence(xs, h0, backwards);
        Tensor h = h0;
        for (int k = 0; k < 5; k++) {
          int t = backwards ? 4 - k : k;
          h = cell.step(xs.slice(0, t, t + 1).reshape(3, 2), h);
          assertArrayEquals(h.toArray(), all.slice(0, t, t + 1).toArray(), 1e-13, cell + " state " + t);
        }
        assertArrayEquals(h.toArray(), cell.last(xs, h0, backwards).toArray(), 1e-13, cell + " last");
      }
      GradCheck.check(in -> cell.sequence(in.get(0), in.get(1), true), 17, 1e-7, xs, h0);
    }
  }

  @Test
  void wrongShapesAreNamed() {
    GruCell gru = new GruCell(3, 4, 1);
    var e = assertThrows(IllegalArgumentException.class, () -> gru.step(Tensor.zeros(2, 2), Tensor.zeros(2, 4)));
    assertTrue(e.getMessage().contains("x [batch, 3]"), e.getMessage());
    var s = assertThrows(IllegalArgumentException.class,
        () -> new RnnCell(3, 4, 1).sequence(Tensor.zeros(5, 2, 3), Tensor.zeros(3, 4), false));
    assertTrue(s.getMessage().contains("h0 [batch, 4]"), s.getMessage());
  }
}
