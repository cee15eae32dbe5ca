package org.nodelab.notebook;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.eclipse.aether.RepositorySystem;
import org.eclipse.aether.RepositorySystemSession.CloseableSession;
import org.eclipse.aether.artifact.DefaultArtifact;
import org.eclipse.aether.collection.CollectRequest;
import org.eclipse.aether.graph.Dependency;
import org.eclipse.aether.repository.RemoteRepository;
import org.eclipse.aether.resolution.ArtifactResult;
import org.eclipse.aether.resolution.DependencyRequest;
import org.eclipse.aether.resolution.DependencyResolutionException;
import org.eclipse.aether.supplier.RepositorySystemSupplier;
import org.eclipse.aether.supplier.SessionBuilderSupplier;
import org.eclipse.aether.util.filter.DependencyFilterUtils;

/**
 * Resolves a Maven coordinate and its runtime dependencies to jar files with Maven's own resolver
 * (maven-resolver), through the local repository and the remote repositories of {@link
 * MavenSettings}.
 */
public final class MavenResolver {
  private MavenResolver() {}

  /**
   * The jars of {@code coordinate} ({@code group:artifact[:extension[:classifier]]:version}) and of
   * its transitive runtime dependencies, the artifact first.
   *
   * @param coordinate the Maven coordinate
   * @param settings the settings (repositories, local repository, offline mode)
   * @return the jar files, resolved into the local repository
   * @throws IllegalArgumentException if the coordinate is malformed or cannot be resolved (the message
   *     names it and says why)
   */
  public static List<Path> resolve(String coordinate, MavenSettings settings) {
    DefaultArtifact artifact = artifact(coordinate);
    RepositorySystem system = new RepositorySystemSupplier().get();
    try (CloseableSession session = new SessionBuilderSupplier(system).get()
        .withLocalRepositoryBaseDirectories(settings.localRepository())
        .setOffline(settings.offline())
        .setSystemProperties(System.getProperties())
        .build()) {
      List<RemoteRepository> remotes = new ArrayList<>();
      for (Map.Entry<String, String> r : settings.remotes().entrySet()) {
        remotes.add(new RemoteRepository.Builder(r.getKey(), "default", r.getValue()).build());
      }
      CollectRequest collect = new CollectRequest(new Dependency(artifact, "runtime"), remotes);
      DependencyRequest request = new DependencyRequest(collect, DependencyFilterUtils.classpathFilter("runtime"));
      List<Path> jars = new ArrayList<>();
      for (ArtifactResult r : system.resolveDependencies(session, request).getArtifactResults()) {
        jars.add(r.getArtifact().getPath());
      }
      return jars;
    } catch (DependencyResolutionException e) {
      throw new IllegalArgumentException("cannot resolve " + coordinate + " (local repository "
          + settings.localRepository() + (settings.offline() ? ", offline" : "") + "): " + rootMessage(e), e);
    } finally {
      system.shutdown();
    }
  }

  private static DefaultArtifact artifact(String coordinate) {
    try {
      DefaultArtifact a = new DefaultArtifact(coordinate);
      if (a.getVersion().isEmpty()) {
        throw new IllegalArgumentException("no version");
      }
      return a;
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("'" + coordinate + "' is not a Maven coordinate: expected"
          + " group:artifact:version (or group:artifact:extension[:classifier]:version)", e);
    }
  }

  private static String rootMessage(Throwable t) {
    String message = t.getMessage();
    for (Throwable c = t.getCause(); c != null && c != t; c = c.getCause()) {
      if (c.getMessage() != null) {
        message = c.getMessage();
      }
      t = c;
    }
    return message;
  }
}
