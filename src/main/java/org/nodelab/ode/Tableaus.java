package org.nodelab.ode;

/**
 * The Butcher tableaus of the built-in methods. Adding a method is adding a constant here, a
 * factory line in {@link Solvers} and a row in the parametrised tests.
 *
 * <p>Dense output: dopri5 (Shampine's), tsit5 (Tsitouras's) and dopri8 (Hairer's) have their own
 * interpolants; euler, midpoint, heun, rk4 and bosh3 report times between steps by cubic Hermite
 * interpolation of {@code y₀, y₁, f(t₀, y₀), f(t₁, y₁)} (local error O(h⁴); {@code f(t₁, y₁)} is the
 * next step's first stage, so it costs nothing extra except after the last step). When to use: tsit5
 * or dopri5 for most non-stiff problems, dopri8 for tolerances below about 1e-8, bosh3 for loose
 * tolerances, the fixed-step methods for ResNet-like discretisations and teaching.
 */
public final class Tableaus {
  private Tableaus() {}

  /** Forward Euler, order 1. */
  public static final ButcherTableau EULER =
      ButcherTableau.explicit("euler", 1, new double[] {0}, new double[][] {{}}, new double[] {1});

  /** Explicit midpoint rule, order 2. */
  public static final ButcherTableau MIDPOINT =
      ButcherTableau.explicit("midpoint", 2, new double[] {0, 0.5}, new double[][] {{}, {0.5}},
          new double[] {0, 1});

  /** Heun's method (explicit trapezoidal rule), order 2. */
  public static final ButcherTableau HEUN =
      ButcherTableau.explicit("heun", 2, new double[] {0, 1}, new double[][] {{}, {1}},
          new double[] {0.5, 0.5});

  /** The classical fourth-order Runge–Kutta method. */
  public static final ButcherTableau RK4 =
      ButcherTableau.explicit("rk4", 4,
          new double[] {0, 0.5, 0.5, 1},
          new double[][] {{}, {0.5}, {0, 0.5}, {0, 0, 1}},
          new double[] {1.0 / 6, 1.0 / 3, 1.0 / 3, 1.0 / 6});

  /**
   * Bogacki–Shampine 3(2) (Appl. Math. Lett. 2(4), 1989, doi 10.1016/0893-9659(89)90079-7), FSAL;
   * dense output by cubic Hermite interpolation (third order, as the method). scipy's {@code RK23}.
   */
  public static final ButcherTableau BOSH3 =
      ButcherTableau.embedded("bosh3", 3, 2,
          new double[] {0, 0.5, 0.75, 1},
          new double[][] {{}, {0.5}, {0, 0.75}, {2.0 / 9, 1.0 / 3, 4.0 / 9}},
          new double[] {2.0 / 9, 1.0 / 3, 4.0 / 9, 0},
          new double[] {7.0 / 24, 1.0 / 4, 1.0 / 3, 1.0 / 8},
          null);

  private static final double[] DOPRI5_C = {0, 1.0 / 5, 3.0 / 10, 4.0 / 5, 8.0 / 9, 1, 1};
  private static final double[][] DOPRI5_A = {
    {},
    {1.0 / 5},
    {3.0 / 40, 9.0 / 40},
    {44.0 / 45, -56.0 / 15, 32.0 / 9},
    {19372.0 / 6561, -25360.0 / 2187, 64448.0 / 6561, -212.0 / 729},
    {9017.0 / 3168, -355.0 / 33, 46732.0 / 5247, 49.0 / 176, -5103.0 / 18656},
    {35.0 / 384, 0, 500.0 / 1113, 125.0 / 192, -2187.0 / 6784, 11.0 / 84}
  };
  private static final double[] DOPRI5_B = {35.0 / 384, 0, 500.0 / 1113, 125.0 / 192, -2187.0 / 6784, 11.0 / 84, 0};

  /** Shampine's fourth-order continuous extension of DOPRI5 (Math. Comp. 46, 1986), as in scipy's RK45. */
  private static final Interpolant DOPRI5_DENSE = Interpolant.polynomial(new double[][] {
    {1, -8048581381.0 / 2820520608.0, 8663915743.0 / 2820520608.0, -12715105075.0 / 11282082432.0},
    {0, 0, 0, 0},
    {0, 131558114200.0 / 32700410799.0, -68118460800.0 / 10900136933.0, 87487479700.0 / 32700410799.0},
    {0, -1754552775.0 / 470086768, 14199869525.0 / 1410260304.0, -10690763975.0 / 1880347072.0},
    {0, 127303824393.0 / 49829197408.0, -318862633887.0 / 49829197408.0, 701980252875.0 / 199316789632.0},
    {0, -282668133.0 / 205662961, 2019193451.0 / 616988883, -1453857185.0 / 822651844},
    {0, 40617522.0 / 29380423, -110615467.0 / 29380423, 69997945.0 / 29380423}
  });

  /**
   * Dormand–Prince 5(4) (J. Comput. Appl. Math. 6(1), 1980, doi 10.1016/0771-050X(80)90013-3),
   * FSAL, with Dormand and Prince's own embedded fourth-order weights {@code b̂ = (5179/57600, 0,
   * 7571/16695, 393/640, −92097/339200, 187/2100, 1/40)} as in Hairer's DOPRI5, scipy's RK45 and
   * Hipparchus, and Shampine's fourth-order dense output. The default adaptive method.
   */
  public static final ButcherTableau DOPRI5 =
      ButcherTableau.embedded("dopri5", 5, 4, DOPRI5_C, DOPRI5_A, DOPRI5_B,
          new double[] {5179.0 / 57600, 0, 7571.0 / 16695, 393.0 / 640, -92097.0 / 339200, 187.0 / 2100, 1.0 / 40},
          DOPRI5_DENSE);

  /**
   * DOPRI5 with Shampine's embedded weights {@code b̂ = (1951/21600, 0, 22642/50085, 451/720,
   * −12231/42400, 649/6300, 1/60)}, the error estimator of torchdiffeq and diffrax (both are valid
   * fourth-order embeddings; only the step-size sequence differs).
   */
  public static final ButcherTableau DOPRI5_SHAMPINE =
      DOPRI5.withBHat("dopri5-shampine",
          new double[] {1951.0 / 21600, 0, 22642.0 / 50085, 451.0 / 720, -12231.0 / 42400, 649.0 / 6300, 1.0 / 60});

  /**
   * Tsitouras 5(4) ("Runge–Kutta pairs of order 5(4) satisfying only the first column simplifying
   * assumption", Comput. Math. Appl. 62(2), 2011, doi 10.1016/j.camwa.2011.06.002), FSAL, with its
   * own fourth-order interpolant. Often reaches DOPRI5's accuracy with fewer evaluations.
   */
  public static final ButcherTableau TSIT5 =
      ButcherTableau.withErrorWeights("tsit5", 5, 4,
          new double[] {0, 0.161, 0.327, 0.9, 0.98002554090450968573, 1, 1},
          new double[][] {
            {},
            {0.161},
            {-0.0084806554923569885444268742502307746751, 0.33548065549235698854442687425023077468},
            {2.8971530571054934321304325941929387649, -6.3594484899750748431481599123838256260,
              4.3622954328695814110177273181908868610},
            {5.3258648284392566044288779208405113178, -11.748883564062827877747170339785772962,
              7.4955393428898362083046047845643581557, -0.092495066361755249256502079332071916113},
            {5.8614554429464200286592514869826478904, -12.920969317847109291706118681783359395,
              8.1593678985761586431804007945392534852, -0.071584973281400997224530542525829738691,
              -0.028269050394068382909003057212712241467},
            {0.096460766818065229518167313165128763337, 0.01, 0.47988965041449957477524953229059651991,
              1.3790085741037418931922748218568727708, -3.2900695154360806799010475857113638501,
              2.3247105240997739824153559183987657961}
          },
          new double[] {0.096460766818065229518167313165128763337, 0.01, 0.47988965041449957477524953229059651991,
            1.3790085741037418931922748218568727708, -3.2900695154360806799010475857113638501,
            2.3247105240997739824153559183987657961, 0},
          new double[] {
            0.096460766818065229518167313165128763337 - 0.094680755765839458074788762557589228561,
            0.01 - 0.0091835655403432530967763639366453137598,
            0.47988965041449957477524953229059651991 - 0.48777052842476157078556425996312282415,
            1.3790085741037418931922748218568727708 - 1.2342975669304789856551096738842376540,
            -3.2900695154360806799010475857113638501 + 2.7077123499835254548811099750593216707,
            2.3247105240997739824153559183987657961 - 1.8666284181705870357537193995662114987,
            -1.0 / 66},
          null,
          Tableaus::tsit5Weights);

  /**
   * Dormand–Prince 8(5,3) as Hairer's DOP853 (Hairer, Nørsett &amp; Wanner, Solving ODEs I, 2nd ed.,
   * 1993, II.10; scipy's {@code DOP853}), 12 stages, with Hairer's combination of a fifth- and a
   * third-order error estimate; for tight tolerances. Not FSAL: {@code f(t + h, y₁)} is evaluated
   * once a step is accepted and becomes the next step's first stage. Dense output is Hairer's
   * seventh-order continuous extension: it needs {@code f(t + h, y₁)} and three extra stages, which
   * are evaluated only for steps with an output time strictly inside (and counted in {@link
   * Stats#denseEvaluations()}).
   */
  public static final ButcherTableau DOPRI8 = Dop853.tableau();

  /** Tsitouras's interpolant {@code bᵢ(θ)}, fourth order. */
  private static void tsit5Weights(double t, double[] w) {
    double t2 = t * t;
    w[0] = -1.0530884977290216 * t * (t - 1.3299890189751412) * (t2 - 1.4364028541716351 * t + 0.7139816917074209);
    w[1] = 0.1017 * t2 * (t2 - 2.1966568338249754 * t + 1.2949852507374631);
    w[2] = 2.490627285651252793 * t2 * (t2 - 2.38535645472061657 * t + 1.57803468208092486);
    w[3] = -16.54810288924490272 * (t - 1.21712927295533244) * (t - 0.61620406037800089) * t2;
    w[4] = 47.37952196281928122 * (t - 1.203071208372362603) * (t - 0.658047292653547382) * t2;
    w[5] = -34.87065786149660974 * (t - 1.2) * (t - 0.666666666666666667) * t2;
    w[6] = 2.5 * (t - 1) * (t - 0.6) * t2;
  }
}
