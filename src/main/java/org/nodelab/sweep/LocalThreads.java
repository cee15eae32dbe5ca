package org.nodelab.sweep;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The default engine: a fixed pool of threads in this JVM, no Spark. The experiment runs as given
 * (nothing is serialized), so it may use anything the cell can see.
 */
public final class LocalThreads implements Engine {
  private final int threads;

  /**
   * An engine of {@code threads} threads.
   *
   * @param threads at least 1
   */
  public LocalThreads(int threads) {
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be at least 1, got " + threads);
    }
    this.threads = threads;
  }

  @Override
  public List<Outcome> run(Experiment experiment, List<Task> tasks, SweepProgress progress) throws InterruptedException {
    AtomicInteger count = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(Math.min(threads, Math.max(1, tasks.size())), r -> {
      Thread t = new Thread(r, "sweep-" + count.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
    try {
      CompletionService<Outcome> done = new ExecutorCompletionService<>(pool);
      for (Task task : tasks) {
        done.submit(() -> TaskRunner.run(experiment, task, "thread " + Thread.currentThread().getName()));
      }
      List<Outcome> outcomes = new ArrayList<>();
      int failed = 0;
      for (int i = 0; i < tasks.size(); i++) {
        Outcome o = get(done);
        outcomes.add(o);
        failed += o.failed() ? 1 : 0;
        progress.progressed(i + 1, failed);
      }
      return outcomes;
    } finally {
      pool.shutdownNow();
    }
  }

  private static Outcome get(CompletionService<Outcome> done) throws InterruptedException {
    try {
      return done.take().get();
    } catch (ExecutionException e) {
      throw new IllegalStateException("a sweep task failed outside its experiment: " + e.getCause(), e.getCause());
    }
  }

  @Override
  public String name() {
    return "threads(" + threads + ")";
  }
}
