package org.nodelab;

import java.nio.file.Path;
import java.util.SplittableRandom;
import org.nodelab.data.Csv;
import org.nodelab.data.Dataset;
import org.nodelab.data.RealData;
import org.nodelab.data.Spiral;
import org.nodelab.data.Synthetic;
import org.nodelab.model.ConditionedField;
import org.nodelab.model.Fields;
import org.nodelab.model.ResNet;
import org.nodelab.model.OdeBlock;
import org.nodelab.model.OdeSpec;
import org.nodelab.nn.Activations;
import org.nodelab.nn.Linear;
import org.nodelab.nn.Mlp;
import org.nodelab.nn.Module;
import org.nodelab.ode.Adjoint;
import org.nodelab.ode.GradientMethod;
import org.nodelab.ode.Solver;
import org.nodelab.ode.Solvers;
import org.nodelab.ode.VectorField;
import org.nodelab.tensor.Activation;
import org.nodelab.tensor.Tensor;
import org.nodelab.train.Adam;
import org.nodelab.train.AdamW;
import org.nodelab.train.GradientComparison;
import org.nodelab.train.Loss;
import org.nodelab.train.Losses;
import org.nodelab.train.RmsProp;
import org.nodelab.train.Sgd;
import org.nodelab.train.Trainer;
import tech.tablesaw.api.Table;

/**
 * The one static import for notebooks and JShell: {@code import static org.nodelab.Lab.*;}. Every
 * name forwards to a plain object of a package below; nothing here computes.
 *
 * <pre>{@code
 * var model = ode(mlp(2, 50, 2)).solve(rk45.rtol(1e-6)).until(1.0);
 * var history = train(model).data(circles(1000, 0)).loss(crossEntropy).optimizer(adam(1e-3)).epochs(10).run();
 * }</pre>
 *
 * The solver, gradient and loss values are lowercase constants (a documented exception to
 * UPPER_SNAKE) so that {@code .solve(rk45)} reads as intended. Layers drawn here take their seeds
 * from one generator that {@link #seed(long)} resets, like {@code torch.manual_seed}.
 */
public final class Lab {
  private Lab() {}

  private static SplittableRandom seeds = new SplittableRandom(0);

  /**
   * Resets the generator that seeds the layers made by {@link #mlp(int...) mlp} and {@link #linear(int, int)
   * linear}.
   *
   * @param seed the new seed; the same seed gives the same initial weights
   */
  public static synchronized void seed(long seed) {
    seeds = new SplittableRandom(seed);
    org.nodelab.notebook.Provenance.seedSet(seed);
  }

  /**
   * Shows {@code value} (a chart, a table, any object as text) as an output of the running cell and
   * returns its display id, for {@link #updateDisplay(org.nodelab.notebook.DisplayId, Object)
   * updateDisplay}.
   *
   * @param value the object to show: a chart as PNG, a table as HTML, anything else as text
   * @return the id under which the output can be replaced later
   */
  public static org.nodelab.notebook.DisplayId display(Object value) {
    return org.nodelab.notebook.Display.show(value);
  }

  /**
   * Replaces the output shown under {@code id} (returned by {@link #display(Object) display}) with {@code
   * value}.
   *
   * @param id the display id {@code display} returned
   * @param value the object shown in place of the earlier one
   */
  public static void updateDisplay(org.nodelab.notebook.DisplayId id, Object value) {
    org.nodelab.notebook.Display.update(id, value);
  }

  /**
   * Significant digits of non-integer numbers in the tables shown from now on (default 4).
   *
   * @param digits significant digits, at least 1
   */
  public static void tableDigits(int digits) {
    org.nodelab.notebook.TableFormat.significantDigits(digits);
  }

  /**
   * How many threads the matrix kernels may use (default: the available processors); large products
   * split their rows over them, with the same results as on one thread. See {@link Tensor#threads(int)}.
   *
   * @param n the number of threads, at least 1
   */
  public static void threads(int n) {
    Tensor.threads(n);
  }

  private static synchronized long nextSeed() {
    return seeds.nextLong();
  }

  /**
   * A neural ODE spec with the field {@code f(t, h)}.
   *
   * @param f the vector field {@code dh/dt = f(t, h)}
   * @return a spec to refine with {@code from}, {@code to}, {@code solve}, ... and end with {@code until(T)}
   */
  public static OdeSpec ode(VectorField f) {
    return OdeSpec.of(f);
  }

  /**
   * A neural ODE spec with a field {@code f(t, x, h)} that also sees the model's input x.
   *
   * @param f the field {@code dh/dt = f(t, x, h)}
   * @return a spec to refine and end with {@code until(T)}
   */
  public static OdeSpec ode(ConditionedField f) {
    return OdeSpec.of(f);
  }

  /**
   * A residual network {@code h_{j+1} = h_j + f_j(h_j)} of {@code n} blocks from {@code block}
   * (a new module per call: separate weights; the same module: shared weights).
   *
   * @param n the number of residual blocks, at least 1
   * @param block called once per block: a new module gives separate weights, the same module shared ones
   * @return the network {@code x -> h_n}
   */
  public static ResNet resnet(int n, java.util.function.Supplier<Module> block) {
    return new ResNet(n, block);
  }

  /**
   * An event at the sign changes of {@code g(t, y)} (one value): {@code ode(f).until(event(g).falling())
   * .then(jump)}.
   *
   * @param g the event function; the event happens where it changes sign
   * @return the event, falling and rising crossings both, to refine with {@code .falling()}, {@code .rising()},
   *    {@code .then(jump)}
   */
  public static org.nodelab.ode.Event event(org.nodelab.ode.TensorEventFunction g) {
    return org.nodelab.ode.Event.of(g);
  }

  /**
   * A neural ODE spec with the autonomous field {@code f(h)}.
   *
   * @param f the module giving {@code dh/dt = f(h)}; its parameters are trained with the model
   * @return a spec to refine and end with {@code until(T)}
   */
  public static OdeSpec ode(Module f) {
    return OdeSpec.of(f);
  }

  /** Forward Euler, fixed step (one step per output interval unless {@code .step(h)}). */
  public static final Solver euler = Solvers.euler();
  /** Explicit midpoint, fixed step. */
  public static final Solver midpoint = Solvers.midpoint();
  /** Heun, fixed step. */
  public static final Solver heun = Solvers.heun();
  /** Classical fourth-order Runge–Kutta, fixed step. */
  public static final Solver rk4 = Solvers.rk4();
  /** Bogacki–Shampine 3(2), adaptive. */
  public static final Solver bosh3 = Solvers.bosh3();
  /** Dormand–Prince 5(4), adaptive, rtol 1e-7 and atol 1e-9 by default; the default solver. */
  public static final Solver rk45 = Solvers.rk45();
  /** The same as {@link #rk45}. */
  public static final Solver dopri5 = Solvers.dopri5();
  /** Tsitouras 5(4), adaptive. */
  public static final Solver tsit5 = Solvers.tsit5();
  /** Dormand–Prince 8(5,3), adaptive, for tight tolerances. */
  public static final Solver dopri8 = Solvers.dopri8();
  /** Rodas5, Rosenbrock 5(4) for stiff problems (one Jacobian and LU per step). */
  public static final Solver rodas5 = Solvers.rodas5();
  /** Kværnø's ESDIRK 5(4) for stiff problems (Newton iterations). */
  public static final Solver kvaerno5 = Solvers.kvaerno5();
  /** Radau IIA of order 5 for stiff problems (RADAU5's simplified Newton; adjoint gradients). */
  public static final Solver radau5 = Solvers.radau5();

  /** Back-propagation through the solver. */
  public static final GradientMethod direct = GradientMethod.DIRECT;
  /** The adjoint method with its defaults (seminorm on). */
  public static final Adjoint adjoint = Adjoint.defaults();

  /** {@code mean((ŷ − y)²)}. */
  public static final Loss mse = Losses::mse;
  /** {@code mean(|ŷ − y|)}. */
  public static final Loss l1 = Losses::l1;
  /** Cross-entropy of logits against class indices. */
  public static final Loss crossEntropy = Losses::crossEntropy;

  /** Huber loss with β = 1 ({@code nn.SmoothL1Loss}). */
  public static final Loss smoothL1 = Losses::smoothL1;

  /**
   * An MLP with tanh between layers, e.g. {@code mlp(2, 50, 2)}.
   *
   * @param sizes the layer widths, input first and output last (at least two)
   * @return the MLP, its weights drawn from the generator {@link #seed(long)} resets
   */
  public static Mlp mlp(int... sizes) {
    return new Mlp(Activation.TANH, nextSeed(), sizes);
  }

  /**
   * An MLP with the given activation between layers.
   *
   * @param activation the activation between layers (none after the last)
   * @param sizes the layer widths, input first and output last (at least two)
   * @return the MLP, seeded from the lab's generator
   */
  public static Mlp mlp(Activation activation, int... sizes) {
    return new Mlp(activation, nextSeed(), sizes);
  }

  /**
   * An MLP {@code in → hidden → out} with the given activation between layers, e.g. {@code mlp(2, 50, 2,
   * tanh())}.
   *
   * @param in the input width
   * @param hidden the hidden width
   * @param out the output width
   * @param activation the activation after the hidden layer
   * @return the MLP, seeded from the lab's generator
   */
  public static Mlp mlp(int in, int hidden, int out, Activation activation) {
    return mlp(activation, in, hidden, out);
  }

  /**
   * An MLP with two hidden layers and the given activation between layers, e.g. {@code mlp(2, 64, 64, 2,
   * relu())}.
   *
   * @param in the input width
   * @param hidden1 the first hidden width
   * @param hidden2 the second hidden width
   * @param out the output width
   * @param activation the activation after each hidden layer
   * @return the MLP, seeded from the lab's generator
   */
  public static Mlp mlp(int in, int hidden1, int hidden2, int out, Activation activation) {
    return mlp(activation, in, hidden1, hidden2, out);
  }

  /**
   * An affine layer {@code x W + b} initialised as PyTorch's.
   *
   * @param in the input width
   * @param out the output width
   * @return the layer, {@code [batch, in] -> [batch, out]}, weights uniform in ±1/√in from the lab's generator
   */
  public static Linear linear(int in, int out) {
    return new Linear(in, out, nextSeed());
  }

  /**
   * The identity module.
   *
   * @return a module whose output is its input, with no parameters
   */
  public static Module identity() {
    return Module.identity();
  }

  /**
   * A depth-dependent field: the module sees t as an extra last input column.
   *
   * @param module a module taking {@code dim + 1} input columns, the state then t
   * @return the field {@code f(t, h) = module([h, t])}
   */
  public static VectorField withTime(Module module) {
    return Fields.withTime(module);
  }

  /**
   * {@code tanh}.
   *
   * @return the hyperbolic tangent, element-wise
   */
  public static Activation tanh() {
    return Activations.tanh();
  }

  /**
   * {@code max(0, x)}.
   *
   * @return the rectified linear unit, element-wise
   */
  public static Activation relu() {
    return Activations.relu();
  }

  /**
   * {@code 1/(1 + e^{-x})}.
   *
   * @return the logistic sigmoid, element-wise
   */
  public static Activation sigmoid() {
    return Activations.sigmoid();
  }

  /**
   * {@code log(1 + e^x)}.
   *
   * @return {@code log(1 + e^x)}, element-wise: a smooth ReLU
   */
  public static Activation softplus() {
    return Activations.softplus();
  }

  /**
   * ELU with α = 1.
   *
   * @return {@code x} for {@code x > 0}, {@code e^x − 1} otherwise, element-wise
   */
  public static Activation elu() {
    return Activations.elu();
  }

  /**
   * A 1-D tensor.
   *
   * @param values the elements
   * @return a tensor of shape {@code [values.length]}, not requiring gradients
   */
  public static Tensor tensor(double... values) {
    return Tensor.of(values);
  }

  /**
   * A 2-D tensor.
   *
   * @param rows the rows, all of one length
   * @return a tensor of shape {@code [rows, columns]}
   */
  public static Tensor tensor(double[][] rows) {
    return Tensor.of(rows);
  }

  /**
   * {@code n} points from {@code a} to {@code b}.
   *
   * @param a the first point
   * @param b the last point
   * @param n the number of points, at least 2
   * @return the evenly spaced points, shape {@code [n]}
   */
  public static Tensor linspace(double a, double b, int n) {
    return Tensor.linspace(a, b, n);
  }

  /**
   * SGD (PyTorch's rule; {@code .momentum(μ)}, {@code .withNesterov()}, {@code .weightDecay(λ)}).
   *
   * @param lr the learning rate
   * @return the optimiser, to refine with its options
   */
  public static Sgd sgd(double lr) {
    return Sgd.of(lr);
  }

  /**
   * RMSprop with PyTorch's defaults.
   *
   * @param lr the learning rate
   * @return the optimiser: α = 0.99, ε = 1e-8, no momentum
   */
  public static RmsProp rmsprop(double lr) {
    return RmsProp.of(lr);
  }

  /**
   * Adam with PyTorch's defaults.
   *
   * @param lr the learning rate η
   * @return the optimiser: β = (0.9, 0.999), ε = 1e-8
   */
  public static Adam adam(double lr) {
    return Adam.of(lr);
  }

  /**
   * AdamW with PyTorch's defaults (weight decay 0.01).
   *
   * @param lr the learning rate η
   * @return the optimiser with decoupled weight decay 0.01
   */
  public static AdamW adamw(double lr) {
    return AdamW.of(lr);
  }

  /**
   * Strict (true, the default) or lenient loading: {@code model.load("model.bin", strict(false))}
   * ignores entries the model lacks and keeps the parameters the file lacks.
   *
   * @param strict whether every entry of the file and every parameter of the model must match
   * @return the loading option for {@code Module.load}
   */
  public static org.nodelab.nn.Loading strict(boolean strict) {
    return org.nodelab.nn.Loading.strict(strict);
  }

  /**
   * A trainer for {@code model}.
   *
   * @param model the module to train; its parameters are updated in place
   * @return a trainer to configure (data, loss, optimiser, epochs) and {@code run()}
   */
  public static Trainer train(Module model) {
    return Trainer.of(model);
  }

  /**
   * Gradients of {@code loss(model(x), target)} by direct back-propagation, the adjoint method and
   * central finite differences, side by side in a table (errors, evaluations, time, tape memory).
   *
   * @param model the neural ODE block whose parameters are differentiated
   * @param x the input batch
   * @param target the target the loss compares the output with
   * @param loss the loss
   * @return one row per method: gradient errors against finite differences, evaluations, time and tape memory
   */
  public static Table compareGradients(OdeBlock model, Tensor x, Tensor target, Loss loss) {
    return GradientComparison.compare(model, x, target, loss);
  }

  /**
   * torchdiffeq's ode_demo spiral.
   *
   * @return the spiral trajectory (1000 points) with its times, sampler and initial state
   */
  public static Spiral spiral() {
    return Spiral.create();
  }

  /**
   * The ANODE experiments' concentric circles: {@code inner} points with target −1, {@code outer} with +1.
   *
   * @param inner the number of points of the inner circle
   * @param outer the number of points of the outer ring
   * @param seed the seed of the draws
   * @return the points {@code [n, 2]} and their targets {@code [n, 1]}
   */
  public static Dataset concentricSpheres(int inner, int outer, long seed) {
    return Synthetic.concentricSpheres(inner, outer, seed);
  }

  /**
   * Concentric circles (class 0 inside {@code r < 0.5}, class 1 in {@code 1 ≤ r ≤ 1.5}).
   *
   * @param n the number of points, half per class
   * @param seed the seed of the draws
   * @return the points {@code [n, 2]} and their class labels
   */
  public static Dataset circles(int n, long seed) {
    return Synthetic.circles(n, seed);
  }

  /**
   * Two moons with Gaussian noise.
   *
   * @param n the number of points, half per moon
   * @param noise the standard deviation of the Gaussian noise added to each coordinate
   * @param seed the seed of the draws
   * @return the points {@code [n, 2]} and their class labels
   */
  public static Dataset moons(int n, double noise, long seed) {
    return Synthetic.moons(n, noise, seed);
  }

  /**
   * UCI handwritten digits, 8×8 pixels in [0, 1], labels 0..9.
   *
   * @return the images {@code [1797, 64]} and their labels
   */
  public static Dataset digits() {
    return RealData.digits();
  }

  /**
   * Hudson's Bay lynx and hare pelts, 1900–1920.
   *
   * @return a table with the columns year, hare and lynx (thousands of pelts)
   */
  public static Table lynxHare() {
    return RealData.lynxHare();
  }

  // ---------------------------------------------------------------- fitting dynamics to time series

  /**
   * A time series from Tablesaw columns, e.g. {@code series(lynxHare(), "year", "hare", "lynx")}.
   *
   * @param table the table holding the series
   * @param timeColumn the name of the column of times
   * @param valueColumns the names of the columns of values, one per variable
   * @return the series, its values {@code [times, variables]}
   */
  public static org.nodelab.data.TimeSeries series(Table table, String timeColumn, String... valueColumns) {
    return org.nodelab.data.TimeSeries.of(table, timeColumn, valueColumns);
  }

  /**
   * A time series from times and values {@code [times, dim]} or {@code [times, batch, dim]}.
   *
   * @param times the observation times, increasing
   * @param values the observations, one row per time
   * @param names the variables' names, one per value column
   * @return the series, its values {@code [times, batch, dim]} (batch 1 for {@code [times, dim]} input)
   */
  public static org.nodelab.data.TimeSeries series(double[] times, Tensor values, String... names) {
    return org.nodelab.data.TimeSeries.of(times, values, names);
  }

  /**
   * Noiseless Lotka–Volterra {@code x' = αx − βxy, y' = −γy + δxy} observed at {@code times}.
   *
   * @param rates α, β, γ, δ
   * @param y0 the initial prey and predator populations
   * @param times the observation times, increasing; the first is the initial time
   * @return the noiseless populations at {@code times}, one row per time
   */
  public static org.nodelab.data.TimeSeries lotkaVolterra(double[] rates, double[] y0, double[] times) {
    return org.nodelab.data.LotkaVolterra.timeSeries(rates, y0, times);
  }

  /**
   * A learnable initial state starting at {@code y0} ({@code [batch, dim]}): {@code
   * ode(f).from(learnable(y0))}.
   *
   * @param y0 the initial guess of the state, {@code [batch, dim]}
   * @return a parameter the trainer learns, used as the ODE's initial state
   */
  public static org.nodelab.model.InitialState learnable(Tensor y0) {
    return new org.nodelab.model.InitialState(y0);
  }

  /**
   * A learnable initial state starting at the series' first observation.
   *
   * @param series the series whose first observation is the initial guess
   * @return a parameter the trainer learns, used as the ODE's initial state
   */
  public static org.nodelab.model.InitialState learnable(org.nodelab.data.TimeSeries series) {
    return new org.nodelab.model.InitialState(series.initial());
  }

  /**
   * Named coefficients in natural units: {@code coefficients().positive("alpha", 0.5).bounded("p", 0.3, 0,
   * 1)}.
   *
   * @return an empty set of coefficients, to add named positive or bounded ones to
   */
  public static org.nodelab.model.Coefficients coefficients() {
    return org.nodelab.model.Coefficients.create();
  }

  /**
   * ode_demo's sampling for {@code fit}: {@code count} random windows of {@code length} observations per step.
   *
   * @param length the number of observations per window
   * @param count the number of windows per training step
   * @return the sampling, for {@code fit(...).sampling(...)}
   */
  public static org.nodelab.train.Fitting.Windows windows(int length, int count) {
    return org.nodelab.train.Fitting.windows(length, count);
  }

  /**
   * Multiple shooting for {@code fit}: {@code segments} segments with learnable starts (add {@code
   * .continuity(w)}).
   *
   * @param segments the number of segments the series is cut into
   * @return the sampling, for {@code fit(...).sampling(...)}
   */
  public static org.nodelab.train.Fitting.Shooting shooting(int segments) {
    return org.nodelab.train.Fitting.shooting(segments);
  }

  /**
   * Root-mean-square error of a fitted trajectory model over its series, in the data's own units.
   *
   * @param model the fitted trajectory model
   * @param fitted the series it was fitted on
   * @return the RMS error over all observations, in the data's units
   */
  public static double rmse(org.nodelab.model.TrajectoryModel model, org.nodelab.data.TimeSeries fitted) {
    return org.nodelab.train.Predictions.rmse(model, fitted);
  }

  /**
   * The same at other observations of the same units (e.g. held-out points).
   *
   * @param model the fitted trajectory model
   * @param fitted the series it was fitted on (its times and scaling)
   * @param at the observations to compare with
   * @return the RMS error over the observations of {@code at}, in the data's units
   */
  public static double rmse(org.nodelab.model.TrajectoryModel model, org.nodelab.data.TimeSeries fitted,
      org.nodelab.data.TimeSeries at) {
    return org.nodelab.train.Predictions.rmse(model, fitted, at);
  }

  /**
   * Any CSV file with a header, as a table.
   *
   * @param path the file's path
   * @return the file's columns, types inferred by Tablesaw
   */
  public static Table csv(String path) {
    return Csv.read(Path.of(path));
  }

  // ---------------------------------------------------------------- time series: latent ODEs and ODE-RNNs

  /**
   * PyTorch's {@code nn.RNNCell(in, hidden)} (tanh), seeded from {@link #seed(long)}'s generator.
   *
   * @param in the input width
   * @param hidden the state width
   * @return the cell {@code h' = tanh(W_ih x + b_ih + W_hh h + b_hh)}
   */
  public static org.nodelab.nn.RnnCell rnn(int in, int hidden) {
    return new org.nodelab.nn.RnnCell(in, hidden, nextSeed());
  }

  /**
   * A tanh RNN cell as one {@code Linear(in + hidden, hidden)} on {@code [x, h]} (torchdiffeq's {@code i2h}).
   *
   * @param in the input width
   * @param hidden the state width
   * @return the cell {@code h' = tanh(Linear([x, h]))}
   */
  public static org.nodelab.nn.RnnCell rnnOnConcat(int in, int hidden) {
    return org.nodelab.nn.RnnCell.concatenated(in, hidden, nextSeed());
  }

  /**
   * PyTorch's {@code nn.GRUCell(in, hidden)}, seeded from {@link #seed(long)}'s generator.
   *
   * @param in the input width
   * @param hidden the state width
   * @return the GRU cell with PyTorch's gates and initialisation
   */
  public static org.nodelab.nn.GruCell gru(int in, int hidden) {
    return new org.nodelab.nn.GruCell(in, hidden, nextSeed());
  }

  /**
   * A latent ODE whose encoder is {@code cell} run backwards over the observations, e.g. {@code
   * latentOde(rnnOnConcat(2, 25), 4, ode(mlp(elu(), 4, 20, 20, 4)), mlp(relu(), 4, 20, 2))}; the
   * layer from the encoder's state to q(z₀) is seeded here.
   *
   * @param cell the encoder's recurrent cell, whose state width sets the encoder's output
   * @param latent the dimension of z₀
   * @param dynamics the latent ODE, on {@code latent} dimensions
   * @param readout the map from the latent state to the observations
   * @return the model, trained with {@link #negativeElbo}
   */
  public static org.nodelab.model.LatentOde latentOde(org.nodelab.nn.RecurrentCell cell, int latent, OdeSpec dynamics,
      Module readout) {
    return latentOde(new org.nodelab.model.RnnEncoder(cell), latent, dynamics, readout);
  }

  /**
   * A latent ODE with any encoder, e.g. an {@link #odeRnn} read backwards (Rubanova et al. 2019).
   *
   * @param encoder the encoder of an irregular series into a state
   * @param latent the dimension of z₀
   * @param dynamics the latent ODE, on {@code latent} dimensions
   * @param readout the map from the latent state to the observations
   * @return the model, trained with {@link #negativeElbo}
   */
  public static org.nodelab.model.LatentOde latentOde(org.nodelab.model.SequenceEncoder encoder, int latent,
      OdeSpec dynamics, Module readout) {
    return new org.nodelab.model.LatentOde(encoder, new Linear(encoder.hidden(), 2 * latent, nextSeed()), dynamics,
        readout);
  }

  /**
   * An ODE-RNN: the state follows {@code dynamics} between observations and {@code cell} updates it
   * at each, e.g. {@code odeRnn(gru(4, 16), ode(mlp(16, 32, 16)), linear(16, 2))}; readout null for an encoder.
   *
   * @param cell the cell that updates the state at each observation
   * @param dynamics the ODE the state follows between observations
   * @param readout the map from the state to predictions, or null for an encoder
   * @return the ODE-RNN
   */
  public static org.nodelab.model.OdeRnn odeRnn(org.nodelab.nn.RecurrentCell cell, OdeSpec dynamics, Module readout) {
    return new org.nodelab.model.OdeRnn(cell, dynamics, readout);
  }

  /**
   * A GRU stepping through the union of times with the time gap as input: the ODE-RNN's discrete baseline.
   *
   * @param cell the GRU cell, taking the observation, its mask and the time gap
   * @param readout the map from the state to predictions
   * @return the GRU baseline
   */
  public static org.nodelab.model.GapGru gapGru(org.nodelab.nn.GruCell cell, Module readout) {
    return new org.nodelab.model.GapGru(cell, readout);
  }

  /**
   * Irregularly sampled series from a long-format CSV file {@code id,time,variable,value}.
   *
   * @param path the CSV file
   * @return one series per id, on the union of their times, with masks
   */
  public static org.nodelab.data.IrregularSeries irregular(String path) {
    return org.nodelab.data.IrregularSeries.fromCsv(Path.of(path));
  }

  /**
   * The lynx–hare pelts as one series over the years since 1900.
   *
   * @return the two populations as an irregular series with its mask
   */
  public static org.nodelab.data.IrregularSeries lynxHareSeries() {
    return RealData.lynxHareSeries();
  }

  /**
   * torchdiffeq's latent-ODE spirals (1,000 spirals, windows of 100 noisy points), seeded.
   *
   * @param seed the seed of the spirals' draws and noise
   * @return the data set with its true trajectories
   */
  public static org.nodelab.data.LatentSpirals latentSpirals(long seed) {
    return org.nodelab.data.LatentSpirals.torchdiffeq(seed);
  }

  /**
   * The negative ELBO of a latent ODE on a batch with observation noise {@code noiseStd}, one
   * reparameterised sample per series from {@code random}; terms {@code log_likelihood} and {@code kl}.
   *
   * @param model the latent ODE
   * @param batch the observed values, masks and times
   * @param noiseStd the standard deviation of the Gaussian observation noise
   * @param random the generator of the reparameterised samples
   * @return the negative ELBO, with its terms for the history
   */
  public static org.nodelab.train.Objective.Value negativeElbo(org.nodelab.model.LatentOde model,
      org.nodelab.data.IrregularBatch batch, double noiseStd, java.util.SplittableRandom random) {
    return org.nodelab.train.Elbo.negative(model, batch, noiseStd, random);
  }

  // ---------------------------------------------------------------- images: the neural-ODE paper's MNIST ODE-Net

  /**
   * A 2-D convolution layer as PyTorch's {@code nn.Conv2d}, seeded from {@link #seed(long)}'s generator.
   *
   * @param in the input channels
   * @param out the output channels
   * @param kernel the side of the square kernel
   * @param stride the stride
   * @param padding the zero padding on each side
   * @return the layer, {@code [N, in, H, W] -> [N, out, H', W']}
   */
  public static org.nodelab.nn.Conv2d conv2d(int in, int out, int kernel, int stride, int padding) {
    return new org.nodelab.nn.Conv2d(in, out, kernel, stride, padding, nextSeed());
  }

  /**
   * {@code nn.GroupNorm(groups, channels)}: weight 1, bias 0, eps 1e-5.
   *
   * @param groups the number of groups, dividing {@code channels}
   * @param channels the number of channels
   * @return the normalisation layer
   */
  public static org.nodelab.nn.GroupNorm groupNorm(int groups, int channels) {
    return new org.nodelab.nn.GroupNorm(groups, channels);
  }

  /**
   * Modules applied one after the other, as {@code nn.Sequential}.
   *
   * @param modules the modules, first applied first
   * @return their composition
   */
  public static org.nodelab.nn.Sequential sequential(Module... modules) {
    return new org.nodelab.nn.Sequential(modules);
  }

  /**
   * The ODE-Net's field on {@code [N, C, H, W]}: norm, relu, time-aware 3×3 conv, norm, relu, conv, norm.
   *
   * @param channels the number of channels C
   * @return the field, {@code [N, C, H, W] -> [N, C, H, W]}
   */
  public static org.nodelab.model.ConvField convField(int channels) {
    return new org.nodelab.model.ConvField(channels, nextSeed());
  }

  /**
   * A neural ODE spec with the convolutional field {@code f(t, h)}.
   *
   * @param f the convolutional field
   * @return a spec to refine and end with {@code until(T)}
   */
  public static OdeSpec ode(org.nodelab.model.ConvField f) {
    return org.nodelab.model.ImageModels.ode(f);
  }

  /**
   * The paper's downsampling of {@code [N, 1, 28, 28]} digits to {@code [N, C, 6, 6]}.
   *
   * @param channels the number of output channels C
   * @return the downsampling network
   */
  public static org.nodelab.nn.Sequential downsampling(int channels) {
    return org.nodelab.model.ImageModels.downsampling(channels, nextSeed());
  }

  /**
   * GroupNorm, ReLU, global average pooling and Linear C→10: the digits' logits.
   *
   * @param channels the number of input channels C
   * @return the head, {@code [N, C, H, W] -> [N, 10]}
   */
  public static org.nodelab.nn.Sequential head(int channels) {
    return org.nodelab.model.ImageModels.head(channels, 10, nextSeed());
  }

  /**
   * The paper's 64-channel MNIST ODE-Net with the shipped trained parameters (trained on the first
   * 8,000 digits by {@code ./nodelab bench mnist}; see the README).
   *
   * @return the model with its trained parameters loaded
   */
  public static org.nodelab.model.NeuralOde trainedOdeNet() {
    return org.nodelab.model.ImageModels.trainedOdeNet();
  }

  /**
   * The update of one residual block of the paper's ResNet, for {@code resnet(6, () -> resBlock(64))}.
   *
   * @param channels the number of channels
   * @return the block's update {@code f(h)}, without the skip connection
   */
  public static org.nodelab.nn.Sequential resBlock(int channels) {
    return org.nodelab.model.ImageModels.residual(channels, nextSeed());
  }

  /**
   * The shipped MNIST digits {@code [N, 1, 28, 28]} in [0, 1]: first 8,000 to train, last 2,000 held out.
   *
   * @return the training and held-out parts
   */
  public static Dataset.Split mnist() {
    return org.nodelab.data.Mnist.load();
  }

  /**
   * torchvision's {@code RandomCrop(28, padding)} applied to each image, seeded.
   *
   * @param images the images {@code [N, C, H, W]}
   * @param padding the zero padding on each side before cropping
   * @param seed the seed of the crop offsets
   * @return the cropped images, of the input's shape
   */
  public static Tensor randomCrop(Tensor images, int padding, long seed) {
    return org.nodelab.data.Mnist.randomCrop(images, padding, seed);
  }

  /**
   * Any IDX file (e.g. the full MNIST), gzip or plain, as a tensor of its shape.
   *
   * @param path the IDX file, {@code .gz} or plain
   * @return its contents, as {@code double}s
   */
  public static Tensor idx(String path) {
    return org.nodelab.data.Idx.read(Path.of(path));
  }

  /**
   * The first {@code count} digits in rows of {@code columns}, captioned "predicted (true)".
   *
   * @param images the digits {@code [N, 1, 28, 28]}
   * @param predicted the predicted labels {@code [N]}
   * @param truth the true labels {@code [N]}
   * @param count how many digits to show
   * @param columns how many digits per row
   * @return a chart of the images in a grid, each with its caption
   */
  public static org.knowm.xchart.XYChart digitGrid(Tensor images, Tensor predicted, Tensor truth, int count, int columns) {
    return org.nodelab.plot.ImageGrid.digits(images, predicted, truth, count, columns);
  }

  /**
   * A continuous normalizing flow with the field {@code f(t, z)}: {@code cnf(f).until(T).trace(exact)}.
   *
   * @param f the field {@code dz/dt = f(t, z)}
   * @return a flow spec to refine and end with {@code until(T)}
   */
  public static org.nodelab.model.Cnf cnf(VectorField f) {
    return org.nodelab.model.Cnf.of(f);
  }

  /**
   * A continuous normalizing flow with the autonomous module field {@code z -> f(z)}.
   *
   * @param f the module giving {@code dz/dt = f(z)}
   * @return a flow spec to refine and end with {@code until(T)}
   */
  public static org.nodelab.model.Cnf cnf(Module f) {
    return org.nodelab.model.Cnf.of(f);
  }

  /**
   * A conditional flow {@code p(x | c)} whose field {@code f(t, c, z)} also sees a condition per point.
   *
   * @param f the conditioned field {@code dz/dt = f(t, c, z)}
   * @return a flow spec to refine and end with {@code until(T)}
   */
  public static org.nodelab.model.Cnf cnf(ConditionedField f) {
    return org.nodelab.model.Cnf.of(f);
  }

  /** The exact trace of a flow's Jacobian: one vector–Jacobian product per dimension. */
  public static final org.nodelab.model.Trace.Exact exact = org.nodelab.model.Trace.exact();

  /**
   * Hutchinson's trace estimator with Rademacher noise from {@code seed}, one draw per solve.
   *
   * @param seed the seed of the noise
   * @return the estimator, for {@code .trace(...)}
   */
  public static org.nodelab.model.Trace.Hutchinson hutchinson(long seed) {
    return org.nodelab.model.Trace.hutchinson(seed);
  }

  /**
   * An experiment sweep: {@code sweep().over("solver", rk4, rk45).over("seed", 0, 1, 2).run(cfg -> ...)}
   * runs on threads of this JVM, {@code .on("local[2]")} or {@code .on("spark://host:7077")} on Spark.
   *
   * @return an empty sweep (one configuration, seed 0)
   */
  public static org.nodelab.sweep.Sweep sweep() {
    return org.nodelab.sweep.Sweep.create();
  }
}
