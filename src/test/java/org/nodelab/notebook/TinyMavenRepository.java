package org.nodelab.notebook;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * A local Maven repository made for a test: {@code org.nodelab.test:greeter:1.0}, whose class
 * {@code org.nodelab.test.greeter.Greeter.greet(name)} returns {@code Words.HELLO + ", " + name},
 * depends on {@code org.nodelab.test:words:1.0} (class {@code org.nodelab.test.words.Words}).
 */
public final class TinyMavenRepository {
  /** The coordinate of the artifact with a dependency. */
  public static final String GREETER = "org.nodelab.test:greeter:1.0";

  private TinyMavenRepository() {}

  /** Writes the two artifacts (jar and pom each) into the repository {@code repo}; {@code work} is scratch space. */
  public static void create(Path repo, Path work) throws IOException {
    artifact(repo, work, "words", "", "package org.nodelab.test.words;\n"
        + "public final class Words { public static final String HELLO = \"hello\"; }\n", "");
    artifact(repo, work, "greeter",
        "<dependencies><dependency><groupId>org.nodelab.test</groupId><artifactId>words</artifactId>"
            + "<version>1.0</version></dependency></dependencies>",
        "package org.nodelab.test.greeter;\n"
            + "public final class Greeter { public static String greet(String name) {"
            + " return org.nodelab.test.words.Words.HELLO + \", \" + name; } }\n",
        repo.resolve("org/nodelab/test/words/1.0/words-1.0.jar").toString());
  }

  private static void artifact(Path repo, Path work, String name, String dependencies, String source, String classpath)
      throws IOException {
    Path src = work.resolve(name + "-src");
    Path classes = work.resolve(name + "-classes");
    String className = source.substring(source.indexOf("class ") + 6, source.indexOf(" {"));
    String pkg = source.substring(8, source.indexOf(';'));
    Path file = src.resolve(pkg.replace('.', '/')).resolve(className + ".java");
    Files.createDirectories(file.getParent());
    Files.createDirectories(classes);
    Files.writeString(file, source);
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    int status = classpath.isEmpty()
        ? javac.run(null, null, null, "--release", "17", "-d", classes.toString(), file.toString())
        : javac.run(null, null, null, "--release", "17", "-cp", classpath, "-d", classes.toString(), file.toString());
    if (status != 0) {
      throw new IllegalStateException("javac failed on " + file);
    }
    Path dir = repo.resolve("org/nodelab/test").resolve(name).resolve("1.0");
    Files.createDirectories(dir);
    String entry = pkg.replace('.', '/') + "/" + className + ".class";
    try (OutputStream out = Files.newOutputStream(dir.resolve(name + "-1.0.jar"));
        JarOutputStream jar = new JarOutputStream(out)) {
      jar.putNextEntry(new JarEntry(entry));
      jar.write(Files.readAllBytes(classes.resolve(entry)));
      jar.closeEntry();
    }
    Files.writeString(dir.resolve(name + "-1.0.pom"), "<project xmlns=\"http://maven.apache.org/POM/4.0.0\">"
        + "<modelVersion>4.0.0</modelVersion><groupId>org.nodelab.test</groupId><artifactId>" + name + "</artifactId>"
        + "<version>1.0</version>" + dependencies + "</project>\n", StandardCharsets.UTF_8);
  }
}
