package org.nodelab.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.nodelab.ode.ButcherTableau;

/**
 * Butcher's order conditions from rooted trees: a method has order p when {@code Σᵢ bᵢ Φᵢ(t) =
 * 1/γ(t)} for every rooted tree t with at most p vertices (Hairer, Nørsett &amp; Wanner, Solving
 * ODEs I, section II.2). Trees are generated as canonical strings; 1, 1, 2, 4, 9, 20, 48, 115 trees
 * of orders 1 to 8.
 */
public final class RootedTrees {
  private RootedTrees() {}

  /** A tree as the canonical (sorted) list of its subtrees. */
  public record Tree(List<Tree> children, int order, double gamma, String key) {}

  /** All rooted trees with exactly {@code n} vertices. */
  public static List<Tree> ofOrder(int n) {
    Map<String, Tree> out = new TreeMap<>();
    if (n == 1) {
      Tree leaf = new Tree(List.of(), 1, 1, "()");
      out.put(leaf.key(), leaf);
      return new ArrayList<>(out.values());
    }
    for (List<Tree> children : forests(n - 1, n - 1)) {
      Tree t = make(children);
      out.put(t.key(), t);
    }
    return new ArrayList<>(out.values());
  }

  /** Multisets of trees with total order {@code n}, each tree of order at most {@code max}. */
  private static List<List<Tree>> forests(int n, int max) {
    List<List<Tree>> result = new ArrayList<>();
    if (n == 0) {
      result.add(new ArrayList<>());
      return result;
    }
    for (int first = Math.min(n, max); first >= 1; first--) {
      List<Tree> candidates = ofOrder(first);
      for (List<Tree> rest : forests(n - first, first)) {
        for (Tree t : candidates) {
          if (!rest.isEmpty() && rest.get(0).order() == first && rest.get(0).key().compareTo(t.key()) < 0) {
            continue;
          }
          List<Tree> f = new ArrayList<>();
          f.add(t);
          f.addAll(rest);
          result.add(f);
        }
      }
    }
    return result;
  }

  private static Tree make(List<Tree> children) {
    List<Tree> sorted = new ArrayList<>(children);
    sorted.sort((x, y) -> x.key().compareTo(y.key()));
    StringBuilder key = new StringBuilder("(");
    int order = 1;
    double gamma = 1;
    for (Tree c : sorted) {
      key.append(c.key());
      order += c.order();
      gamma *= c.gamma();
    }
    return new Tree(sorted, order, gamma * order, key.append(')').toString());
  }

  /**
   * The coefficients {@code aᵢⱼ} of a method as a full lower-triangular matrix over all its terms:
   * the stages, and for a dense output with extra stages also {@code f(t + h, y₁)} (row {@code b}) and
   * the extra stages.
   */
  public record Coefficients(double[][] a) {

    /** The stages of {@code tab}. */
    public static Coefficients of(ButcherTableau tab) {
      int s = tab.stages();
      double[][] a = new double[s][s];
      for (int i = 0; i < s; i++) {
        for (int j = 0; j < i; j++) {
          a[i][j] = tab.a(i, j);
        }
      }
      return new Coefficients(a);
    }

    /** All {@link ButcherTableau#denseTerms()} terms of {@code tab}. */
    public static Coefficients dense(ButcherTableau tab) {
      int s = tab.stages();
      int n = tab.denseTerms();
      double[][] a = new double[n][n];
      for (int i = 0; i < s; i++) {
        for (int j = 0; j < i; j++) {
          a[i][j] = tab.a(i, j);
        }
      }
      if (n > s) {
        for (int j = 0; j < s; j++) {
          a[s][j] = tab.b(j);
        }
        for (int m = 0; m < tab.denseStages(); m++) {
          for (int j = 0; j <= s + m; j++) {
            a[s + 1 + m][j] = tab.denseA(m, j);
          }
        }
      }
      return new Coefficients(a);
    }
  }

  /** {@code Σᵢ wᵢ Φᵢ(t) − 1/γ(t)} for weights {@code w} (b or b̂) of {@code tab}. */
  public static double residual(ButcherTableau tab, double[] w, Tree t) {
    return residual(Coefficients.of(tab), w, t, 1);
  }

  /**
   * The condition of a continuous extension at {@code θ}: {@code Σᵢ wᵢ(θ) Φᵢ(t) − θ^{ρ(t)}/γ(t)}
   * (Hairer, Nørsett &amp; Wanner, Solving ODEs I, II.6, Theorem 6.1).
   */
  public static double residual(Coefficients coefficients, double[] w, Tree t, double theta) {
    double[] phi = phi(coefficients.a(), t);
    double s = 0;
    for (int i = 0; i < w.length; i++) {
      s += w[i] * phi[i];
    }
    return s - Math.pow(theta, t.order()) / t.gamma();
  }

  private static double[] phi(double[][] a, Tree t) {
    int n = a.length;
    double[] phi = new double[n];
    java.util.Arrays.fill(phi, 1);
    for (Tree child : t.children()) {
      double[] inner = phi(a, child);
      for (int i = 0; i < n; i++) {
        double s = 0;
        for (int j = 0; j < i; j++) {
          s += a[i][j] * inner[j];
        }
        phi[i] *= s;
      }
    }
    return phi;
  }
}
