package org.nodelab.sweep.spark;

import java.util.HashMap;
import java.util.Map;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.launcher.JavaModuleOptions;

/**
 * The one Spark context of this JVM (Spark allows one), kept between sweeps on the same master and
 * properties, replaced when they change, stopped when the JVM exits or by {@link #stop}.
 */
public final class SparkContexts {
  private static JavaSparkContext current;
  private static String currentMaster;
  private static Map<String, String> currentConf;
  private static boolean hooked;

  private SparkContexts() {}

  static synchronized JavaSparkContext get(String master, Map<String, String> conf) {
    if (current != null && !current.sc().isStopped() && master.equals(currentMaster) && conf.equals(currentConf)) {
      return current;
    }
    stop();
    SparkConf c = new SparkConf().setMaster(master).setAppName("nodelab sweep")
        .set("spark.ui.enabled", "false").set("spark.ui.showConsoleProgress", "false");
    if (master.startsWith("local")) {
      // Everything runs in this JVM: nothing needs an address beyond loopback.
      c.set("spark.driver.host", "127.0.0.1").set("spark.driver.bindAddress", "127.0.0.1");
    } else {
      c.setJars(LibraryJars.forExecutors().toArray(String[]::new));
    }
    Map<String, String> all = new HashMap<>(conf);
    all.forEach(c::set);
    try {
      current = new JavaSparkContext(c);
    } catch (IllegalAccessError | RuntimeException e) {
      if (e instanceof IllegalAccessError || e.getClass().getName().equals("java.lang.reflect.InaccessibleObjectException")
          || String.valueOf(e.getMessage()).contains("module java.base does not")) {
        throw new IllegalStateException("Spark needs this JVM started with its module options: "
            + JavaModuleOptions.defaultModuleOptions() + " (./nodelab and the kernel pass them)", e);
      }
      throw e;
    }
    currentMaster = master;
    currentConf = Map.copyOf(conf);
    if (!hooked) {
      hooked = true;
      Runtime.getRuntime().addShutdownHook(new Thread(SparkContexts::stop, "nodelab-spark-stop"));
    }
    return current;
  }

  /**
   * The number of Spark jobs running in this JVM's context.
   *
   * @return 0 when none runs, or no context
   */
  public static synchronized int activeJobs() {
    return current == null ? 0 : current.statusTracker().getActiveJobIds().length;
  }

  /** Stops this JVM's Spark context, if one runs. */
  public static synchronized void stop() {
    if (current != null) {
      current.stop();
      current = null;
      currentMaster = null;
      currentConf = null;
    }
  }
}
