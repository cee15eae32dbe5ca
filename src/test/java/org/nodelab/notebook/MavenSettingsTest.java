package org.nodelab.notebook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The parts of a Maven settings file that %maven reads, and the overrides. */
class MavenSettingsTest {
  @TempDir Path dir;

  private MavenSettings load(String settingsXml, String repoOverride) throws Exception {
    Path file = dir.resolve("settings.xml");
    Files.writeString(file, settingsXml);
    System.setProperty("nodelab.maven.settings", file.toString());
    if (repoOverride != null) {
      System.setProperty("maven.repo.local", repoOverride);
    }
    try {
      return MavenSettings.load();
    } finally {
      System.clearProperty("nodelab.maven.settings");
      System.clearProperty("maven.repo.local");
    }
  }

  @Test
  void localRepositoryOfflineMirrorsAndActiveProfileRepositories() throws Exception {
    String xml = "<settings><localRepository>" + dir.resolve("repo") + "</localRepository><offline>true</offline>"
        + "<mirrors><mirror><id>corp</id><mirrorOf>central</mirrorOf><url>https://maven.example.org/all</url></mirror></mirrors>"
        + "<profiles><profile><id>extra</id><repositories><repository><id>extra-repo</id>"
        + "<url>https://repo.example.org/extra</url></repository></repositories></profile>"
        + "<profile><id>inactive</id><repositories><repository><id>unused</id><url>https://x.example.org</url>"
        + "</repository></repositories></profile></profiles>"
        + "<activeProfiles><activeProfile>extra</activeProfile></activeProfiles></settings>";
    MavenSettings s = load(xml, null);
    assertEquals(dir.resolve("repo"), s.localRepository());
    assertTrue(s.offline());
    assertEquals(Map.of("central", "https://maven.example.org/all", "extra-repo", "https://repo.example.org/extra"),
        s.remotes());
  }

  @Test
  void theRepositoryPropertyWinsOverTheSettingsFile() throws Exception {
    MavenSettings s = load("<settings><localRepository>/somewhere/else</localRepository></settings>",
        dir.resolve("override").toString());
    assertEquals(dir.resolve("override"), s.localRepository());
    assertEquals(Map.of("central", MavenSettings.CENTRAL), s.remotes());
  }
}
