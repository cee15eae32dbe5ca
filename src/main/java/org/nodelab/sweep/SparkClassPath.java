package org.nodelab.sweep;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.nodelab.notebook.MavenResolver;
import org.nodelab.notebook.MavenSettings;

/**
 * Where Spark's classes come from: the class path when Spark is on it (tests, or a user who added
 * it), otherwise {@code org.apache.spark:spark-sql_2.13} resolved through Maven on first use into a
 * class loader of its own, which also defines nodelab's Spark-facing classes ({@code
 * org.nodelab.sweep.spark}) so that they see Spark.
 */
public final class SparkClassPath {
  /** The Spark artifact resolved when Spark is not on the class path. */
  public static final String ARTIFACT = "org.apache.spark:spark-sql_2.13";
  private static ClassLoader loader;

  private SparkClassPath() {}

  /**
   * The Spark version nodelab is built and tested with.
   *
   * @return e.g. {@code 4.0.1}
   */
  public static String version() {
    Properties p = new Properties();
    try (InputStream in = SparkClassPath.class.getResourceAsStream("spark.properties")) {
      if (in == null) {
        throw new IllegalStateException("spark.properties is missing from nodelab's jar");
      }
      p.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return p.getProperty("version");
  }

  /**
   * Whether Spark is on this class path already.
   *
   * @return true if its classes load without Maven
   */
  public static boolean onClassPath() {
    try {
      Class.forName("org.apache.spark.SparkContext", false, SparkClassPath.class.getClassLoader());
      return true;
    } catch (ClassNotFoundException e) {
      return false;
    }
  }

  static synchronized ClassLoader loader() {
    if (loader == null) {
      loader = onClassPath() ? SparkClassPath.class.getClassLoader() : resolved();
    }
    return loader;
  }

  private static ClassLoader resolved() {
    List<Path> jars = MavenResolver.resolve(ARTIFACT + ":" + version(), MavenSettings.load());
    List<URL> urls = new ArrayList<>();
    for (Path jar : jars) {
      // Spark's logging binding would print Spark's INFO log into every cell; nodelab's slf4j stays silent.
      if (!jar.getFileName().toString().startsWith("log4j-slf4j2-impl")) {
        urls.add(url(jar));
      }
    }
    return new SparkLoader(urls.toArray(URL[]::new), SparkClassPath.class.getClassLoader());
  }

  private static URL url(Path p) {
    try {
      return p.toUri().toURL();
    } catch (MalformedURLException e) {
      throw new IllegalArgumentException("bad jar path " + p, e);
    }
  }

  /** Spark's jars, with the classes of {@code org.nodelab.sweep.spark} defined here rather than by the parent. */
  static final class SparkLoader extends URLClassLoader {
    private static final String OWN = "org.nodelab.sweep.spark.";

    SparkLoader(URL[] urls, ClassLoader parent) {
      super("spark", urls, parent);
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
      if (!name.startsWith(OWN)) {
        return super.loadClass(name, resolve);
      }
      synchronized (getClassLoadingLock(name)) {
        Class<?> c = findLoadedClass(name);
        if (c == null) {
          try (InputStream in = getParent().getResourceAsStream(name.replace('.', '/') + ".class")) {
            if (in == null) {
              throw new ClassNotFoundException(name);
            }
            byte[] b = in.readAllBytes();
            c = defineClass(name, b, 0, b.length);
          } catch (IOException e) {
            throw new ClassNotFoundException(name, e);
          }
        }
        if (resolve) {
          resolveClass(c);
        }
        return c;
      }
    }
  }
}
