package org.nodelab.reproduction;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nodelab.data.LotkaVolterra;
import org.nodelab.data.TimeSeries;
import org.nodelab.model.Coefficients;
import org.nodelab.model.InitialState;
import org.nodelab.model.OdeSpec;
import org.nodelab.model.TrajectoryModel;
import org.nodelab.nn.Mlp;
import org.nodelab.ode.Solvers;
import org.nodelab.ode.VectorField;
import org.nodelab.tensor.Activation;
import org.nodelab.tensor.Tensor;
import org.nodelab.train.Adam;
import org.nodelab.train.Fitting;
import org.nodelab.train.Predictions;
import org.nodelab.train.Trainer;

/**
 * System identification on noiseless Lotka–Volterra data generated here ({@code x' = αx − βxy},
 * {@code y' = −γy + δxy}, α, β, γ, δ = 1.5, 1, 3, 1 from (1, 1); dopri5 at 1e-10): the four rates
 * recovered from a wrong guess; multiple shooting fitting a long series that single shooting
 * cannot fit from the same guess; a universal differential equation, the interaction terms
 * replaced by an MLP, predicting held-out observations.
 */
class SystemIdentificationTest {
  private static final double[] RATES = {1.5, 1.0, 3.0, 1.0};

  private static TimeSeries lotkaVolterra(double end, int points) {
    return LotkaVolterra.timeSeries(RATES, new double[] {1, 1}, Tensor.linspace(0, end, points).toArray());
  }

  private static Coefficients guess(double alpha, double beta, double gamma, double delta) {
    return Coefficients.create().positive("alpha", alpha).positive("beta", beta).positive("gamma", gamma)
        .positive("delta", delta);
  }

  /** The Lotka–Volterra field with the rates of {@code c}. */
  private static VectorField field(Coefficients c) {
    return (t, h) -> {
      Tensor x = h.slice(1, 0, 1);
      Tensor y = h.slice(1, 1, 2);
      Tensor xy = x.mul(y);
      return Tensor.concat(1, x.mul(c.get("alpha")).sub(xy.mul(c.get("beta"))),
          y.mul(c.get("gamma")).neg().add(xy.mul(c.get("delta"))));
    };
  }

  @Test
  void theFourRatesAreRecoveredToOnePartInAThousand() {
    TimeSeries data = lotkaVolterra(10, 41);
    Coefficients rates = guess(1.2, 0.8, 3.5, 1.2);
    TrajectoryModel model = OdeSpec.of(field(rates)).from(new InitialState(data.initial()))
        .solve(Solvers.dopri5().rtol(1e-8).atol(1e-10)).at(data.times());
    // Adam's steps are about its learning rate, so the rate is lowered as the fit closes in.
    for (double lr : new double[] {1e-2, 2e-3, 4e-4, 1e-4}) {
      Trainer.of(model).optimizer(Adam.of(lr)).iterations(200).progress(null).fit(data);
    }
    System.out.printf("Lotka-Volterra recovery: %s, RMSE %.3g%n", rates, Predictions.rmse(model, data));
    for (int i = 0; i < 4; i++) {
      assertEquals(RATES[i], rates.values()[i], 1e-3 * RATES[i], rates.names().get(i));
    }
  }

  @Test
  void multipleShootingFitsALongSeriesThatSingleShootingCannotFromTheSameGuess() {
    TimeSeries data = lotkaVolterra(30, 121);
    double[] rmse = new double[2];
    Coefficients[] found = new Coefficients[2];
    for (int run = 0; run < 2; run++) {
      found[run] = guess(1.0, 0.7, 2.0, 1.4);
      TrajectoryModel model = OdeSpec.of(field(found[run])).from(new InitialState(data.initial()))
          .solve(Solvers.dopri5().rtol(1e-5).atol(1e-7)).at(data.times());
      Trainer trainer = Trainer.of(model).optimizer(Adam.of(0.03)).iterations(500).progress(null);
      if (run == 0) {
        trainer.fit(data);
      } else {
        trainer.fit(data, Fitting.shooting(15));
      }
      rmse[run] = Predictions.rmse(model, data);
    }
    double spread = Math.sqrt(Tensor.noGrad(() -> data.values().sub(data.values().mean()).square().mean()).item());
    System.out.printf("30 time units, 121 points (spread %.3f): single shooting RMSE %.3f (%s), multiple shooting "
        + "RMSE %.3f (%s)%n", spread, rmse[0], found[0], rmse[1], found[1]);
    assertTrue(rmse[0] > 0.5 * spread, "single shooting should stay stuck, RMSE " + rmse[0]);
    assertTrue(rmse[1] < 0.1 * spread, "multiple shooting should fit, RMSE " + rmse[1]);
    for (int i = 0; i < 4; i++) {
      assertEquals(RATES[i], found[1].values()[i], 0.05 * RATES[i], found[1].names().get(i));
    }
  }

  @Test
  void aUniversalEquationWithAnMlpForTheInteractionsPredictsHeldOutPoints() {
    // From (2, 1) over six time units (two cycles), in halves; every fourth observation held out.
    TimeSeries all = LotkaVolterra.timeSeries(RATES, new double[] {2, 1}, Tensor.linspace(0, 6, 49).toArray())
        .scaled(2);
    TimeSeries.Split split = all.holdOut(4);
    TimeSeries data = split.train();
    Coefficients known = Coefficients.create().positive("alpha", 1.0).positive("gamma", 2.0);
    VectorField growth = (t, h) -> Tensor.concat(1, h.slice(1, 0, 1).mul(known.get("alpha")),
        h.slice(1, 1, 2).mul(known.get("gamma")).neg());
    Mlp interactions = new Mlp(Activation.TANH, 1, 2, 16, 2);
    TrajectoryModel model = OdeSpec.of(growth).plus(interactions).from(new InitialState(data.initial()))
        .solve(Solvers.dopri5().rtol(1e-6).atol(1e-8)).at(data.times());
    Trainer.of(model).optimizer(Adam.of(0.03)).iterations(500).progress(null).fit(data, Fitting.shooting(6));
    Trainer.of(model).optimizer(Adam.of(0.01)).iterations(500).progress(null).fit(data);
    Trainer.of(model).optimizer(Adam.of(0.003)).iterations(300).progress(null).fit(data);
    double test = Predictions.rmse(model, data, split.test());
    double train = Predictions.rmse(model, data);
    TimeSeries raw = all.unscaled();
    double spread = Math.sqrt(Tensor.noGrad(() -> raw.values().sub(raw.values().mean()).square().mean()).item());
    System.out.printf("UDE: training RMSE %.4f, held-out RMSE %.4f (series spread %.3f; %s)%n", train, test, spread,
        known);
    assertTrue(test < 0.15 * spread, "held-out RMSE " + test + " against a spread of " + spread);
  }
}
