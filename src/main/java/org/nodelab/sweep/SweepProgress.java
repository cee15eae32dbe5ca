package org.nodelab.sweep;

/** Told how a running sweep goes; engines call it from any thread. */
public interface SweepProgress {

  /**
   * The sweep starts.
   *
   * @param total the number of tasks
   * @param engine the engine's name
   */
  void started(int total, String engine);

  /**
   * Tasks ended (each counted once, whatever the retries behind it).
   *
   * @param done tasks ended so far
   * @param failed of them, those whose experiment threw
   */
  void progressed(int done, int failed);

  /** The sweep ended, completely or not. */
  void ended();

  /**
   * A progress that shows nothing.
   *
   * @return it
   */
  static SweepProgress none() {
    return new SweepProgress() {
      @Override
      public void started(int total, String engine) {}

      @Override
      public void progressed(int done, int failed) {}

      @Override
      public void ended() {}
    };
  }
}
