package org.nodelab.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;
import org.nodelab.nn.Gaussians;
import org.nodelab.nn.Linear;
import org.nodelab.nn.Module;
import org.nodelab.nn.Parameter;
import org.nodelab.ode.Ode;
import org.nodelab.ode.Stats;
import org.nodelab.ode.TensorSolution;
import org.nodelab.tensor.Tensor;

/**
 * The latent ODE (Chen et al. 2018, section 5; Rubanova, Chen &amp; Duvenaud 2019): an encoder reads
 * the observations backwards in time, a linear layer maps its state to the mean and log-variance of
 * {@code q(z₀) = N(μ, diag e^λ)}, and {@code z(t)} solves {@code dz/dt = f(z)} from a sample {@code
 * z₀} at the first observation time; a readout maps {@code z(t)} to the observations. Any times can
 * be decoded: between the observations (interpolation), after them (extrapolation) or before them.
 * A batch is solved once on the union of its times, with the spec's solver and gradients.
 */
public final class LatentOde {
  private final SequenceEncoder encoder;
  private final Linear posterior;
  private final OdeSpec dynamics;
  private final Module readout;
  private final int latent;
  private volatile Stats lastStats = new Stats(0, 0, 0);

  /**
   * A latent ODE.
   *
   * @param encoder reads the series into a state of {@code encoder.hidden()} features
   * @param posterior {@code Linear(hidden, 2·latent)}: the state to {@code [μ, λ]}
   * @param dynamics the latent field, a module field on {@code latent} dimensions, with its solver
   *     and gradients, e.g. {@code ode(mlp(elu(), 4, 20, 20, 4))}
   * @param readout {@code z → x̂}, e.g. {@code mlp(relu(), 4, 20, 2)}
   */
  public LatentOde(SequenceEncoder encoder, Linear posterior, OdeSpec dynamics, Module readout) {
    this.encoder = Objects.requireNonNull(encoder, "encoder");
    this.posterior = Objects.requireNonNull(posterior, "posterior");
    this.dynamics = checkModuleField(dynamics, "the latent dynamics");
    this.readout = Objects.requireNonNull(readout, "readout");
    if (posterior.in() != encoder.hidden() || posterior.out() % 2 != 0) {
      throw new IllegalArgumentException("the posterior layer must map the encoder's " + encoder.hidden()
          + " features to 2·latent outputs, got " + posterior);
    }
    this.latent = posterior.out() / 2;
  }

  static OdeSpec checkModuleField(OdeSpec spec, String what) {
    Objects.requireNonNull(spec, "dynamics");
    if (spec.fieldModule() == null || spec.conditioned() != null) {
      throw new IllegalArgumentException(what + " need a module field f(h), e.g. ode(mlp(elu(), 4, 20, 20, 4))");
    }
    return spec;
  }

  /**
   * The approximate posterior {@code q(z₀) = N(mean, diag e^{logVariance})}.
   *
   * @param mean μ, shape {@code [batch, latent]}
   * @param logVariance λ, shape {@code [batch, latent]}
   */
  public record Posterior(Tensor mean, Tensor logVariance) {
    /**
     * A reparameterised sample {@code μ + e^{λ/2} ⊙ ε} (see {@link Gaussians#sample}).
     *
     * @param random the generator of ε
     * @return a sample {@code [batch, latent]}, differentiable in the mean and log-variance
     */
    public Tensor sample(SplittableRandom random) {
      return Gaussians.sample(mean, logVariance, random);
    }

    /**
     * {@code KL(q(z₀) ‖ N(0, I))} per series, shape {@code [batch]}.
     *
     * @return the divergences {@code [batch]}
     */
    public Tensor klToStandard() {
      return Gaussians.klToStandard(mean, logVariance).sum(-1, false);
    }
  }

  /**
   * A sample {@code z₀} and the observations decoded from it.
   *
   * @param posterior q(z₀)
   * @param z0 the sample, shape {@code [batch, latent]}
   * @param predictions {@code readout(z(t))} at the observation times, shape {@code [times, batch, out]}
   */
  public record Reconstruction(Posterior posterior, Tensor z0, Tensor predictions) {}

  /**
   * Infers {@code q(z₀)} from the observations.
   *
   * @param times the observation times, strictly increasing
   * @param values {@code [times, batch, variables]}
   * @param mask 1 where observed, the shape of values, or {@code null} (all observed)
   * @return the mean and log-variance of {@code q(z₀)}, each {@code [batch, latent]}
   */
  public Posterior posterior(double[] times, Tensor values, Tensor mask) {
    Tensor out = posterior.apply(encoder.encode(times, values, mask));
    return new Posterior(out.slice(1, 0, latent), out.slice(1, latent, 2 * latent));
  }

  /**
   * {@code readout(z(t))} at {@code times} for {@code z(t0) = z0}: one solve over {@code t0} and
   * the times (monotone, all after or all before {@code t0}; {@code t0} itself may be among them).
   *
   * @param z0 the latent states at {@code t0}, {@code [batch, latent]}
   * @param t0 the time of {@code z0}
   * @param times the decoding times
   * @return shape {@code [times, batch, out]}
   */
  public Tensor decode(Tensor z0, double t0, double[] times) {
    if (times.length == 0) {
      throw new IllegalArgumentException("decode needs at least one time");
    }
    boolean startIncluded = times[0] == t0;
    double[] grid = startIncluded ? times.clone() : new double[times.length + 1];
    if (!startIncluded) {
      grid[0] = t0;
      System.arraycopy(times, 0, grid, 1, times.length);
    }
    List<Tensor> parameters = new ArrayList<>();
    dynamics.fieldModule().parameters().forEach(p -> parameters.add(p.value()));
    Tensor z;
    if (grid.length == 1) {
      z = z0.reshape(1, z0.dim(0), z0.dim(1));
      lastStats = new Stats(0, 0, 0);
    } else {
      TensorSolution s = Ode.solve(dynamics.f(), z0, grid, dynamics.solver(), dynamics.gradients(), parameters);
      lastStats = s.stats();
      z = s.stacked();
      if (!startIncluded) {
        z = z.slice(0, 1, grid.length);
      }
    }
    return readout.apply(z);
  }

  /**
   * Encodes, draws {@code z₀} from {@code q(z₀)} with {@code random} and decodes at the observation times.
   *
   * @param times the observation times, strictly increasing
   * @param values the observations {@code [times, batch, variables]}
   * @param mask 1 where observed, the shape of values, or {@code null} (all observed)
   * @param random the generator of the sample
   * @return the posterior, the sample {@code z₀} and the predictions at the observation times
   */
  public Reconstruction reconstruct(double[] times, Tensor values, Tensor mask, SplittableRandom random) {
    Posterior q = posterior(times, values, mask);
    Tensor z0 = q.sample(random);
    return new Reconstruction(q, z0, decode(z0, times[0], times));
  }

  /**
   * {@code draws} trajectories decoded at {@code at} from independent samples of {@code q(z₀)}
   * (for uncertainty bands), without a tape.
   *
   * @param times the observation times, strictly increasing
   * @param values the observations {@code [times, batch, variables]}
   * @param mask 1 where observed, the shape of values, or {@code null} (all observed)
   * @param at the times to decode at
   * @param draws the number of samples of {@code z₀}
   * @param random the generator of the samples
   * @return shape {@code [draws, times, batch, out]}
   */
  public Tensor sample(double[] times, Tensor values, Tensor mask, double[] at, int draws, SplittableRandom random) {
    if (draws < 1) {
      throw new IllegalArgumentException("draws must be at least 1, got " + draws);
    }
    try (var off = Tensor.noGrad()) {
      Posterior q = posterior(times, values, mask);
      Tensor[] all = new Tensor[draws];
      for (int i = 0; i < draws; i++) {
        Tensor x = decode(q.sample(random), times[0], at);
        all[i] = x.reshape(1, x.dim(0), x.dim(1), x.dim(2));
      }
      return Tensor.concat(0, all);
    }
  }

  /**
   * The latent dimension.
   *
   * @return the dimension of {@code z₀}
   */
  public int latent() {
    return latent;
  }

  /**
   * The dynamics' spec (solver and gradients).
   *
   * @return the spec of the latent dynamics
   */
  public OdeSpec dynamics() {
    return dynamics;
  }

  /**
   * The same model (sharing every parameter) with other gradients for the latent solve.
   *
   * @param method {@code direct} or {@code adjoint}
   * @return a model sharing this one's parameters
   */
  public LatentOde withGradients(org.nodelab.ode.GradientMethod method) {
    return new LatentOde(encoder, posterior, dynamics.gradients(method), readout);
  }

  /**
   * Cost of the last decoding solve.
   *
   * @return steps, rejections and evaluations of the last decoding solve
   */
  public Stats stats() {
    return lastStats;
  }

  /**
   * The trainable parameters: encoder, posterior layer, field, readout.
   *
   * @return the parameters, encoder first
   */
  public List<Parameter> parameters() {
    Module enc = new Module() {
      @Override
      public Tensor apply(Tensor x) {
        throw new UnsupportedOperationException("an encoder's parameters are not applied");
      }

      @Override
      public List<Parameter> parameters() {
        return encoder.parameters();
      }
    };
    return Module.collect(new String[] {"encoder", "posterior", "f", "readout"}, enc, posterior,
        dynamics.fieldModule(), readout);
  }

  /**
   * Number of trainable scalars.
   *
   * @return the sum of the parameters' sizes
   */
  public int parameterCount() {
    return parameters().stream().mapToInt(Parameter::size).sum();
  }

  @Override
  public String toString() {
    return "LatentOde(" + encoder + ", latent " + latent + ", " + dynamics.fieldModule() + ", " + dynamics.solver()
        + ", " + dynamics.gradients() + ", readout " + readout + ")";
  }
}
