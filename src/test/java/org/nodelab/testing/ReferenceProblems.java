package org.nodelab.testing;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.nodelab.ode.OdeSystem;

/**
 * The standard problems of {@code src/test/resources/reference/ode_end_states.json} (end states
 * from a 30-digit Taylor-series solution) and the work–precision figures of scipy and Hipparchus
 * in {@code workprecision.json}.
 */
public final class ReferenceProblems {
  private ReferenceProblems() {}

  /** A problem with its reference end state. */
  public record Problem(String name, OdeSystem f, double t0, double tf, double[] y0, double[] yEnd) {}

  /** A row of the work–precision table. */
  public record WorkPrecision(String problem, String library, String method, double tol, double error,
      int evaluations, int steps) {}

  /** Lotka–Volterra {@code x' = 1.5x − xy, y' = −3y + xy}, and Van der Pol with μ = 1. */
  public static List<Problem> problems() {
    JsonObject all = json("ode_end_states.json").getAsJsonObject("problems");
    List<Problem> out = new ArrayList<>();
    JsonObject lv = all.getAsJsonObject("lotka_volterra");
    JsonObject p = lv.getAsJsonObject("params");
    double a = p.get("a").getAsDouble();
    double b = p.get("b").getAsDouble();
    double c = p.get("c").getAsDouble();
    double d = p.get("d").getAsDouble();
    out.add(problem("lotka_volterra", lv, (t, y, dy) -> {
      dy[0] = a * y[0] - b * y[0] * y[1];
      dy[1] = -c * y[1] + d * y[0] * y[1];
    }));
    JsonObject vdp = all.getAsJsonObject("van_der_pol");
    double mu = vdp.getAsJsonObject("params").get("mu").getAsDouble();
    out.add(problem("van_der_pol", vdp, (t, y, dy) -> {
      dy[0] = y[1];
      dy[1] = mu * (1 - y[0] * y[0]) * y[1] - y[0];
    }));
    return out;
  }

  /** The problem called {@code name}. */
  public static Problem problem(String name) {
    return problems().stream().filter(p -> p.name().equals(name)).findFirst().orElseThrow();
  }

  /** All work–precision rows. */
  public static List<WorkPrecision> workPrecision() {
    List<WorkPrecision> rows = new ArrayList<>();
    for (var e : json("workprecision.json").getAsJsonArray("rows")) {
      JsonObject r = e.getAsJsonObject();
      rows.add(new WorkPrecision(r.get("problem").getAsString(), r.get("library").getAsString(),
          r.get("method").getAsString(), r.get("tol").getAsDouble(), r.get("err_max_abs").getAsDouble(),
          r.get("rhs_evals").getAsInt(), r.get("steps").getAsInt()));
    }
    return rows;
  }

  /**
   * The reference end state of a stiff problem of {@code org.nodelab.data.StiffProblems} (scipy's
   * Radau at rtol 1e-13, {@code stiff_end_states.json}).
   */
  public static double[] stiffEndState(String name) {
    JsonObject o = json("stiff_end_states.json").getAsJsonObject(name);
    if (o == null) {
      throw new IllegalArgumentException("no stiff reference for " + name);
    }
    return array(o.getAsJsonArray("y"));
  }

  private static Problem problem(String name, JsonObject o, OdeSystem f) {
    return new Problem(name, f, o.get("t0").getAsDouble(), o.get("tf").getAsDouble(), array(o.getAsJsonArray("y0")),
        array(o.getAsJsonArray("y_tf_best")));
  }

  private static double[] array(JsonArray a) {
    double[] v = new double[a.size()];
    for (int i = 0; i < v.length; i++) {
      v[i] = a.get(i).getAsDouble();
    }
    return v;
  }

  private static JsonObject json(String file) {
    var in = ReferenceProblems.class.getResourceAsStream("/reference/" + file);
    if (in == null) {
      throw new IllegalStateException("missing test resource /reference/" + file);
    }
    try (var reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
      return JsonParser.parseReader(reader).getAsJsonObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Largest absolute difference. */
  public static double maxAbsError(double[] a, double[] b) {
    double m = 0;
    for (int i = 0; i < a.length; i++) {
      m = Math.max(m, Math.abs(a[i] - b[i]));
    }
    return m;
  }
}
