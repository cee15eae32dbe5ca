package org.nodelab.sweep;

import java.util.List;

/** Runs the tasks of a sweep somewhere: threads of this JVM, or a Spark master. */
public interface Engine {

  /**
   * Runs every task once and returns one outcome per task (any order); reports each as it ends.
   *
   * @param experiment the experiment
   * @param tasks the tasks
   * @param progress told about each finished task
   * @return the outcomes
   * @throws InterruptedException if the calling thread is interrupted (the tasks are cancelled)
   */
  List<Outcome> run(Experiment experiment, List<Task> tasks, SweepProgress progress) throws InterruptedException;

  /**
   * What the table and progress call this engine, e.g. {@code threads(2)} or {@code local[2]}.
   *
   * @return its name
   */
  String name();
}
