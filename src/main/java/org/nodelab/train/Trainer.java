package org.nodelab.train;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import org.nodelab.data.Batch;
import org.nodelab.data.BatchSource;
import org.nodelab.data.Dataset;
import org.nodelab.data.TimeSeries;
import org.nodelab.model.TrajectoryModel;
import org.nodelab.nn.DiscoveredParameters;
import org.nodelab.nn.Module;
import org.nodelab.tensor.Tensor;

/**
 * Trains a {@link Module}: {@code Trainer.of(model).data(train).loss(Losses::mse)
 * .optimizer(Adam.of(1e-3)).epochs(10).batchSize(64).seed(0).run()}. Each step draws a batch,
 * back-propagates the {@link Objective} (by default the supervised loss) and steps the optimiser; the {@link History} records every step. Same
 * seed, same run: batches depend only on the seed and the step (or epoch) number, so a run resumed
 * from a checkpoint continues exactly as the uninterrupted one. If the thread is interrupted the
 * run ends after the current step, with model and optimiser consistent, and the interrupt flag
 * stays set; a stop requested through {@link org.nodelab.ode.Interrupts} ends it the same way.
 *
 * <p>Bad data is rejected before the first step (empty set, NaN or infinite values, labels out of
 * range: {@link IllegalArgumentException}). A step whose loss or gradient is not finite is not
 * applied and ends the run with a {@link NonFiniteLossException}; a failed solve ends it with a
 * {@link TrainingException}: both keep the history of the finished steps, also in {@link #history()}.
 * Between steps the learning rate follows an optional {@link Schedule}, gradients are clipped by an
 * optional {@link Clipping}, and {@link EarlyStopping} may end the run.
 */
public final class Trainer {
  private Module model;
  private Dataset train;
  private BatchSource source;
  private Dataset validation;
  private Loss loss = Losses::mse;
  private Objective objective;
  private final Map<String, Metric> metrics = new LinkedHashMap<>();
  private OptimizerSpec optimizerSpec = Adam.of(1e-3);
  private Optimizer optimizer;
  private long iterations;
  private int epochs;
  private int batchSize = 32;
  private long seed;
  private int callbackEvery;
  private java.util.function.Consumer<Progress> callback;
  private Path checkpointFile;
  private int checkpointEvery;
  private Path resumeFrom;
  private PrintStream progressOut = System.out;
  private boolean progressSet;
  private TrainingMonitor monitor;
  private String label;
  private int validateEvery;
  private Schedule schedule;
  private Clipping clipping;
  private EarlyStopping earlyStopping;
  private boolean detectAnomaly;
  private History lastHistory;

  private Trainer(Module model) {
    this.model = Objects.requireNonNull(model, "model");
  }

  /**
   * A trainer for {@code model} with Adam(1e-3), MSE, batch size 32 and seed 0 by default.
   *
   * @param model the module to train
   * @return the trainer, to configure and {@code run()}
   */
  public static Trainer of(Module model) {
    return new Trainer(model);
  }

  /**
   * Trains by epochs over {@code train}, shuffled by the seed each epoch.
   *
   * @param train the training set
   * @return this trainer
   */
  public Trainer data(Dataset train) {
    this.train = Objects.requireNonNull(train, "train");
    return this;
  }

  /**
   * Trains by iterations on batches drawn from {@code source}.
   *
   * @param source the sampler of batches
   * @return this trainer
   */
  public Trainer batches(BatchSource source) {
    this.source = Objects.requireNonNull(source, "source");
    return this;
  }

  /**
   * Evaluates loss (and accuracy, for a classifier) on {@code validation}.
   *
   * @param validation the validation set
   * @return this trainer
   */
  public Trainer validation(Dataset validation) {
    this.validation = Objects.requireNonNull(validation, "validation");
    return this;
  }

  /**
   * The loss (default {@link Losses#mse}): the objective becomes {@code loss(model(x), y)}.
   *
   * @param loss the loss of prediction and target
   * @return this trainer
   */
  public Trainer loss(Loss loss) {
    this.loss = Objects.requireNonNull(loss, "loss");
    this.objective = null;
    return this;
  }

  /**
   * What each step minimises, in place of a supervised loss: a function of the model and the
   * batch, whose named terms become history columns; validation evaluates it on the whole
   * validation set ({@code val_loss}).
   *
   * @param objective the function of model and batch to minimise
   * @return this trainer
   */
  public Trainer objective(Objective objective) {
    this.objective = Objects.requireNonNull(objective, "objective");
    return this;
  }

  /**
   * A metric evaluated on the validation set whenever it is evaluated, recorded as {@code val_NAME}.
   *
   * @param name the column's name after {@code val_}
   * @param metric the metric of model and validation set
   * @return this trainer
   */
  public Trainer metric(String name, Metric metric) {
    Objects.requireNonNull(name, "name");
    if (History.RESERVED.contains("val_" + name) || name.isBlank()) {
      throw new IllegalArgumentException("metric name '" + name + "' is taken by a history column; reserved: "
          + History.RESERVED);
    }
    metrics.put(name, Objects.requireNonNull(metric, "metric"));
    return this;
  }

  /**
   * The optimiser configuration (default {@code Adam.of(1e-3)}).
   *
   * @param spec the optimiser, bound to the model's parameters when the run starts
   * @return this trainer
   */
  public Trainer optimizer(OptimizerSpec spec) {
    this.optimizerSpec = Objects.requireNonNull(spec, "spec");
    this.optimizer = null;
    return this;
  }

  /**
   * An already bound optimiser, e.g. to continue with its state.
   *
   * @param optimizer the optimiser, already over the model's parameters
   * @return this trainer
   */
  public Trainer optimizer(Optimizer optimizer) {
    this.optimizer = Objects.requireNonNull(optimizer, "optimizer");
    return this;
  }

  /**
   * Number of steps (for {@link #batches}, or over {@link #data} ignoring epochs).
   *
   * @param n the number of steps, at least 1
   * @return this trainer
   */
  public Trainer iterations(long n) {
    this.iterations = positive("iterations", n);
    return this;
  }

  /**
   * Number of passes over {@link #data}.
   *
   * @param n the number of epochs, at least 1
   * @return this trainer
   */
  public Trainer epochs(int n) {
    this.epochs = (int) positive("epochs", n);
    return this;
  }

  /**
   * Rows per batch when training on {@link #data} (default 32).
   *
   * @param b the batch size, at least 1
   * @return this trainer
   */
  public Trainer batchSize(int b) {
    this.batchSize = (int) positive("batchSize", b);
    return this;
  }

  /**
   * Seed of batch order and sampling (default 0).
   *
   * @param s the seed
   * @return this trainer
   */
  public Trainer seed(long s) {
    this.seed = s;
    return this;
  }

  /**
   * Calls {@code callback} every {@code n} steps; it may call {@link Progress#stop()}.
   *
   * @param n the interval in steps, at least 1
   * @param callback called with the progress
   * @return this trainer
   */
  public Trainer every(int n, java.util.function.Consumer<Progress> callback) {
    this.callbackEvery = (int) positive("every", n);
    this.callback = Objects.requireNonNull(callback, "callback");
    return this;
  }

  /**
   * Evaluates the validation set every {@code n} steps (default: each epoch, or 10 times a run).
   *
   * @param n the interval in steps, at least 1
   * @return this trainer
   */
  public Trainer validateEvery(int n) {
    this.validateEvery = (int) positive("validateEvery", n);
    return this;
  }

  /**
   * Writes a {@link Checkpoint} to {@code file} every {@code n} steps and at the end.
   *
   * @param file the checkpoint file, replaced each time
   * @param n the interval in steps, at least 1
   * @return this trainer
   */
  public Trainer checkpoint(Path file, int n) {
    this.checkpointFile = Objects.requireNonNull(file, "file");
    this.checkpointEvery = (int) positive("checkpoint interval", n);
    return this;
  }

  /**
   * Restores model and optimiser from {@code file} and continues from its step.
   *
   * @param file a checkpoint written by {@link #checkpoint}
   * @return this trainer
   */
  public Trainer resumeFrom(Path file) {
    this.resumeFrom = Objects.requireNonNull(file, "file");
    return this;
  }

  /**
   * Where the progress line goes ({@code null}: nowhere; default standard output).
   *
   * @param out the stream of the progress line, or {@code null}
   * @return this trainer
   */
  public Trainer progress(PrintStream out) {
    this.progressOut = out;
    this.progressSet = true;
    return this;
  }

  /**
   * The name a live display shows for this run (default: the model's class, parameter count and steps).
   *
   * @param name the label
   * @return this trainer
   */
  public Trainer label(String name) {
    this.label = Objects.requireNonNull(name, "name");
    return this;
  }

  /**
   * A monitor of this run (default: the one installed by {@link TrainingMonitor#setDefault}, if any).
   *
   * @param m the monitor, or {@code null} for none
   * @return this trainer
   */
  public Trainer monitor(TrainingMonitor m) {
    this.monitor = m;
    return this;
  }

  /**
   * The learning rate of each step follows {@code schedule} (default: constant).
   *
   * @param schedule the schedule of the learning rate
   * @return this trainer
   */
  public Trainer schedule(Schedule schedule) {
    this.schedule = Objects.requireNonNull(schedule, "schedule");
    return this;
  }

  /**
   * Clips the gradients before each step, {@code Clipping.norm(1.0)} or {@code Clipping.value(0.5)}.
   *
   * @param clipping the clipping rule
   * @return this trainer
   */
  public Trainer clip(Clipping clipping) {
    this.clipping = Objects.requireNonNull(clipping, "clipping");
    return this;
  }

  /**
   * Clips the global L2 norm of the gradients to {@code max} ({@code clip_grad_norm_}).
   *
   * @param max the largest norm, positive
   * @return this trainer
   */
  public Trainer clipGradNorm(double max) {
    return clip(Clipping.norm(max));
  }

  /**
   * Clamps every gradient component to {@code [−limit, limit]} ({@code clip_grad_value_}).
   *
   * @param limit the largest magnitude, positive
   * @return this trainer
   */
  public Trainer clipGradValue(double limit) {
    return clip(Clipping.value(limit));
  }

  /**
   * Ends the run when the monitored validation value stops improving, e.g. {@code
   * EarlyStopping.on("val_loss")}.
   *
   * @param rule the stopping rule
   * @return this trainer
   */
  public Trainer earlyStopping(EarlyStopping rule) {
    this.earlyStopping = Objects.requireNonNull(rule, "rule");
    return this;
  }

  /**
   * On a non-finite loss or gradient, or a solve that fails on one, re-runs that batch with {@link
   * org.nodelab.tensor.AnomalyMode} to name the operation (inputs' shapes, solver time) that produced
   * the first NaN or infinity; the exception's message and {@link NonFiniteLossException#anomaly()} carry it.
   *
   * @return this trainer
   */
  public Trainer detectAnomaly() {
    this.detectAnomaly = true;
    return this;
  }

  /**
   * The history of the running or last run, also when it ended with an exception; null before any run.
   *
   * @return the history, or {@code null}
   */
  public History history() {
    return lastHistory;
  }

  /**
   * Runs the training and returns its history.
   *
   * @return the history: one row per step
   */
  public History run() {
    if ((train == null) == (source == null)) {
      throw new IllegalStateException("give the trainer exactly one of data(dataset) or batches(source)");
    }
    DataChecks.check(train, validation);
    if (earlyStopping != null) {
      earlyStopping.checkAvailable(validation != null, metrics.keySet());
    }
    long total = totalSteps();
    Objective stepObjective = objective != null ? objective : Objective.supervised(loss);
    Optimizer opt = optimizer != null ? optimizer : bind();
    if (objective == null) {
      DataChecks.checkLabels(train, validation, model, loss);
    }
    Schedule.Run rates = schedule == null ? null : schedule.start(opt.learningRate());
    EarlyStopping.Tracker stopping = earlyStopping == null ? null : earlyStopping.new Tracker(opt.parameters());
    GuardedStep guarded = new GuardedStep(model, stepObjective, opt, clipping, detectAnomaly);
    long start = resumeFrom == null ? 0 : Checkpoint.load(resumeFrom, model, opt);
    History history = new History();
    lastHistory = history;
    double plateauSum = 0;
    int plateauCount = 0;
    // progress(null) silences the default live display too; an explicit monitor stays.
    TrainingMonitor watcher = monitor != null ? monitor
        : progressSet && progressOut == null ? null : TrainingMonitor.Defaults.create();
    if (watcher != null) {
      watcher.start(label != null ? label : defaultLabel(total), total);
    }
    // A live display replaces the text progress line unless one was asked for explicitly.
    ProgressLine line = new ProgressLine(watcher != null && !progressSet ? null : progressOut, total);
    long lastWatch = Long.MIN_VALUE / 2;
    long t0 = System.nanoTime();
    int stepsPerEpoch = train == null ? 0 : (train.size() + batchSize - 1) / batchSize;
    int validationInterval = validateEvery > 0 ? validateEvery
        : stepsPerEpoch > 0 ? stepsPerEpoch : (int) Math.max(1, total / 10);
    List<Dataset> epochBatches = null;
    int currentEpoch = -1;
    for (long step = start + 1; step <= total; step++) {
      Batch batch;
      int epoch = 0;
      if (train != null) {
        epoch = (int) ((step - 1) / stepsPerEpoch);
        if (epoch != currentEpoch) {
          epochBatches = train.batches(batchSize, mix(seed, epoch));
          currentEpoch = epoch;
        }
        Dataset d = epochBatches.get((int) ((step - 1) % stepsPerEpoch));
        batch = new Batch(d.x(), d.y());
        epoch += 1;
      } else {
        batch = source.next(new SplittableRandom(mix(seed, step)));
        DataChecks.check(batch, step);
      }
      String batchName = train != null
          ? "batch " + ((step - 1) % stepsPerEpoch + 1) + " of epoch " + epoch + ", " + batch.x().dim(0) + " rows"
          : "the batch drawn for step " + step + ", " + batch.x().dim(0) + " rows";
      if (rates != null) {
        opt.learningRate(rates.lr(step - 1));
      }
      double lr = opt.learningRate();
      GuardedStep.Result result = guarded.run(batch, step, batchName, history);
      long nfeForward = result.nfeForward();
      long nfeBackward = result.nfeBackward();
      Map<String, Double> extras = new LinkedHashMap<>();
      result.value().terms().forEach((name, term) -> extras.put(name, term.item()));
      double lossValue = result.loss();
      double valLoss = Double.NaN;
      double valAccuracy = Double.NaN;
      boolean validated = validation != null && (step % validationInterval == 0 || step == total);
      if (validated) {
        double[] v = evaluate(validation);
        valLoss = v[0];
        valAccuracy = v[1];
        try (var off = Tensor.noGrad()) {
          metrics.forEach((name, metric) -> extras.put("val_" + name, metric.evaluate(model, validation)));
        }
      }
      history.add(step, epoch, lossValue, valLoss, valAccuracy, nfeForward, nfeBackward,
          (System.nanoTime() - t0) / 1e9, lr, result.gradNorm(), extras);
      plateauSum += lossValue;
      plateauCount++;
      if (rates != null && (validated || (validation == null && step % validationInterval == 0))) {
        String monitor = schedule instanceof ReduceOnPlateau r ? r.monitor() : "val_loss";
        rates.observe(validated ? EarlyStopping.read(monitor, valLoss, valAccuracy, extras) : plateauSum / plateauCount);
        plateauSum = 0;
        plateauCount = 0;
      }
      boolean stoppedEarly = validated && stopping != null
          && stopping.observe(EarlyStopping.read(earlyStopping.monitor(), valLoss, valAccuracy, extras), step);
      line.update(step, lossValue, nfeForward, nfeBackward, step == total);
      boolean stop = stoppedEarly;
      if (stoppedEarly) {
        history.markEnding("stopped early");
      }
      if (callback != null && step % callbackEvery == 0) {
        Progress p = new Progress(step, epoch, lossValue, history);
        callback.accept(p);
        stop |= p.stopRequested();
      }
      boolean interrupted = org.nodelab.ode.Interrupts.isRequested();
      boolean last = step == total || stop || interrupted;
      // No display I/O from an interrupted thread: NIO channels close when their thread is interrupted.
      if (watcher != null && !interrupted && (last || System.nanoTime() - lastWatch > 250_000_000L)) {
        lastWatch = System.nanoTime();
        watcher.update(new Progress(step, epoch, lossValue, history), total, last);
      }
      if (checkpointFile != null && (step % checkpointEvery == 0 || step == total || stop || interrupted)) {
        Checkpoint.save(checkpointFile, model, opt, step);
      }
      if (interrupted) {
        history.markInterrupted();
        break;
      }
      if (stop) {
        break;
      }
    }
    if (stopping != null) {
      stopping.restore();
    }
    line.finish();
    return history;
  }

  /**
   * Fits a trajectory model ({@code ode(f)...at(series.times())}) to {@code series} by single
   * shooting: {@code loss(model(first observation), observations)} each step, with this trainer's
   * loss, optimiser, iterations, seed, progress and history. No inputs to make up: the model's
   * input is the series' first observation, which a learnable start ignores.
   *
   * @param series the observations to fit
   * @return the history of the fit
   */
  public History fit(TimeSeries series) {
    return fit(series, Fitting.whole());
  }

  /**
   * Fits a trajectory model to {@code series} as {@code how} says: {@link Fitting#whole()}, {@link
   * Fitting#windows(int, int)} or {@link Fitting#shooting(int)}; needs {@link #iterations(long)}.
   *
   * @param series the observations to fit
   * @param how whole, windows or multiple shooting
   * @return the history of the fit
   */
  public History fit(TimeSeries series, Fitting how) {
    SeriesFit problem = seriesFit(series, how);
    Module user = model;
    String userLabel = label;
    model = problem;
    source = problem.source();
    objective = problem.objective();
    label = label != null ? label : user.getClass().getSimpleName() + ", " + how + ", " + iterations + " steps";
    try {
      return run();
    } finally {
      model = user;
      source = null;
      objective = null;
      label = userLabel;
    }
  }

  private SeriesFit seriesFit(TimeSeries series, Fitting how) {
    Objects.requireNonNull(series, "series");
    Objects.requireNonNull(how, "how");
    if (!(model instanceof TrajectoryModel trajectory)) {
      throw new IllegalStateException("fit(series) trains a trajectory model, built with ode(f)...at(series.times()); "
          + "this trainer holds a " + model.getClass().getSimpleName());
    }
    if (train != null || source != null || objective != null) {
      throw new IllegalStateException("fit(series) supplies the batches and the objective itself: "
          + "drop data(...), batches(...) and objective(...)");
    }
    if (iterations == 0) {
      throw new IllegalStateException("fit(series) needs iterations(n)");
    }
    if (optimizer != null && how instanceof Fitting.Shooting) {
      throw new IllegalStateException("multiple shooting adds the segments' starts to the parameters: give "
          + "optimizer(spec), e.g. adam(1e-2), not an optimiser already bound");
    }
    return new SeriesFit(trajectory, series, how, loss);
  }

  /**
   * Binds the optimiser; a model whose parameters are found on its first evaluation (a neural ODE
   * with a lambda field) first finds them from the training inputs.
   */
  private Optimizer bind() {
    if (model instanceof DiscoveredParameters d && !d.parametersKnown()) {
      d.findParameters(train != null ? train.x() : source.next(new SplittableRandom(mix(seed, 1))).x());
    }
    return optimizerSpec.on(model);
  }

  private String defaultLabel(long total) {
    String name = model.getClass().getSimpleName();
    if (model instanceof DiscoveredParameters d && !d.parametersKnown()) {
      return name + ", " + total + " steps";
    }
    int size = model.parameters().stream().mapToInt(org.nodelab.nn.Parameter::size).sum();
    return name + ", " + size + " parameters, " + total + " steps";
  }

  /**
   * Mean loss (the objective's total, when one was given) and, for a supervised classifier whose
   * targets look like class indices of a [n, classes] output, accuracy.
   */
  private double[] evaluate(Dataset data) {
    try (var off = Tensor.noGrad()) {
      if (objective != null) {
        return new double[] {objective.evaluate(model, new Batch(data.x(), data.y())).total().item(), Double.NaN};
      }
      Tensor prediction = model.apply(data.x());
      double value = loss.apply(prediction, data.y()).item();
      boolean classifier = prediction.rank() == 2 && data.y().rank() == 1 && prediction.dim(1) > 1;
      return new double[] {value, classifier ? Losses.accuracy(prediction, data.y()) : Double.NaN};
    }
  }

  private long totalSteps() {
    if (source != null) {
      if (iterations == 0) {
        throw new IllegalStateException("training on batches(source) needs iterations(n)");
      }
      return iterations;
    }
    if (iterations > 0) {
      return iterations;
    }
    if (epochs == 0) {
      throw new IllegalStateException("say how long to train: epochs(n) or iterations(n)");
    }
    return (long) epochs * ((train.size() + batchSize - 1) / batchSize);
  }

  /** The seed of the batch order of epoch {@code epoch} (0 for the first) for the trainer's {@code seed}. */
  static long batchSeed(long seed, int epoch) {
    return mix(seed, epoch);
  }

  private static long mix(long seed, long index) {
    long z = seed * 0x9E3779B97F4A7C15L + index;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  private static long positive(String what, long n) {
    if (n <= 0) {
      throw new IllegalArgumentException(what + " must be positive, got " + n);
    }
    return n;
  }
}
