package org.nodelab.train;

import java.util.ArrayList;
import java.util.List;
import org.nodelab.model.OdeBlock;
import org.nodelab.nn.Parameter;
import org.nodelab.ode.Adjoint;
import org.nodelab.ode.GradientMethod;
import org.nodelab.tensor.Tensor;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * The one-call check of gradients through a neural ODE: direct back-propagation, the adjoint
 * method and central finite differences on the same model, loss and batch, as a table with one row
 * per method and parameter: relative error {@code ‖g − g_FD‖ / ‖g_FD‖}, forward and backward
 * evaluations, milliseconds and the bytes of intermediate values the forward pass records for
 * back-propagation ({@link Tensor#tapeBytes()}, the memory peak of a gradient: growing with the steps
 * for direct gradients, flat for the adjoint).
 */
public final class GradientComparison {
  private GradientComparison() {}

  /**
   * Compares with up to 32 finite-difference entries per parameter tensor (evenly spaced).
   *
   * @param model the neural ODE block whose parameters are differentiated
   * @param x the input batch
   * @param target the target the loss compares the output with
   * @param loss the loss
   * @return one row per method: gradient errors against finite differences, evaluations, time and tape memory
   */
  public static Table compare(OdeBlock model, Tensor x, Tensor target, Loss loss) {
    return compare(model, x, target, loss, 32);
  }

  /**
   * Compares the methods.
   *
   * @param entriesPerParameter how many entries of each parameter tensor get a central difference
   *     (each costs two forward solves)
   * @param model the neural ODE block whose parameters are differentiated
   * @param x the input batch
   * @param target the target the loss compares the output with
   * @param loss the loss
   * @return one row per method: gradient errors against finite differences, evaluations, time and tape memory
   */
  public static Table compare(OdeBlock model, Tensor x, Tensor target, Loss loss, int entriesPerParameter) {
    if (entriesPerParameter <= 0) {
      throw new IllegalArgumentException("entriesPerParameter must be positive, got " + entriesPerParameter);
    }
    Tensor.noGrad(() -> model.apply(x));
    List<Parameter> params = model.parameters();
    List<int[]> picks = new ArrayList<>();
    for (Parameter p : params) {
      picks.add(spread(p.size(), entriesPerParameter));
    }
    long t0 = System.nanoTime();
    List<double[]> fd = finiteDifferences(model, x, target, loss, params, picks);
    double fdMillis = (System.nanoTime() - t0) / 1e6;
    Table table = Table.create("gradients", StringColumn.create("method"), StringColumn.create("parameter"),
        IntColumn.create("entries"), DoubleColumn.create("rel_error_vs_fd"), LongColumn.create("nfe_forward"),
        LongColumn.create("nfe_backward"), DoubleColumn.create("ms"), LongColumn.create("tape_bytes"));
    for (GradientMethod method : new GradientMethod[] {GradientMethod.DIRECT, Adjoint.defaults()}) {
      OdeBlock m = model.withGradients(method);
      params.forEach(Parameter::zeroGrad);
      long start = System.nanoTime();
      Tensor value = loss.apply(m.apply(x), target);
      long tape = value.tapeBytes();
      value.backward();
      double ms = (System.nanoTime() - start) / 1e6;
      for (int k = 0; k < params.size(); k++) {
        Tensor g = params.get(k).grad();
        double[] gv = g == null ? new double[params.get(k).size()] : g.toArray();
        double[] picked = new double[picks.get(k).length];
        for (int i = 0; i < picked.length; i++) {
          picked[i] = gv[picks.get(k)[i]];
        }
        addRow(table, method.toString(), params.get(k).name(), picked.length, relativeError(picked, fd.get(k)),
            m.forwardEvaluations(), m.backwardEvaluations(), ms, tape);
      }
    }
    int evaluations = 0;
    for (int[] p : picks) {
      evaluations += 2 * p.length;
    }
    addRow(table, "finite differences", "(all)", evaluations / 2, 0, model.forwardEvaluations() * evaluations, 0,
        fdMillis, 0);
    return table;
  }

  private static void addRow(Table t, String method, String parameter, int entries, double err, long nfeForward,
      long nfeBackward, double ms, long tape) {
    t.stringColumn("method").append(method);
    t.stringColumn("parameter").append(parameter);
    t.intColumn("entries").append(entries);
    t.doubleColumn("rel_error_vs_fd").append(err);
    t.longColumn("nfe_forward").append(nfeForward);
    t.longColumn("nfe_backward").append(nfeBackward);
    t.doubleColumn("ms").append(ms);
    t.longColumn("tape_bytes").append(tape);
  }

  private static List<double[]> finiteDifferences(OdeBlock model, Tensor x, Tensor target, Loss loss,
      List<Parameter> params, List<int[]> picks) {
    List<double[]> out = new ArrayList<>();
    for (int k = 0; k < params.size(); k++) {
      Parameter p = params.get(k);
      double[] values = p.value().toArray();
      double[] g = new double[picks.get(k).length];
      for (int i = 0; i < g.length; i++) {
        int at = picks.get(k)[i];
        double saved = values[at];
        double h = 1e-6 * Math.max(1, Math.abs(saved));
        values[at] = saved + h;
        p.assign(values);
        double up = Tensor.noGrad(() -> loss.apply(model.apply(x), target)).item();
        values[at] = saved - h;
        p.assign(values);
        double down = Tensor.noGrad(() -> loss.apply(model.apply(x), target)).item();
        values[at] = saved;
        p.assign(values);
        g[i] = (up - down) / (2 * h);
      }
      out.add(g);
    }
    return out;
  }

  private static int[] spread(int size, int max) {
    int n = Math.min(size, max);
    int[] idx = new int[n];
    for (int i = 0; i < n; i++) {
      idx[i] = (int) ((long) i * size / n);
    }
    return idx;
  }

  static double relativeError(double[] g, double[] reference) {
    double diff = 0;
    double norm = 0;
    for (int i = 0; i < g.length; i++) {
      diff += (g[i] - reference[i]) * (g[i] - reference[i]);
      norm += reference[i] * reference[i];
    }
    return norm == 0 ? Math.sqrt(diff) : Math.sqrt(diff / norm);
  }
}
