package org.nodelab.site;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The checker finds each kind of broken reference in a small site made here, and passes the good ones. */
class LinkCheckerTest {

  @Test
  void findsMissingPagesAnchorsImagesAndNetworkResources(@TempDir Path site) throws Exception {
    Files.createDirectories(site.resolve("sub"));
    Files.write(site.resolve("sub/chart.png"), new byte[] {1});
    Files.writeString(site.resolve("sub/page.html"), "<html><body><h2 id=\"fit\">Fit</h2><a name=\"old\"></a>"
        + "<a href=\"../index.html#top\">up</a></body></html>");
    Files.writeString(site.resolve("index.html"), "<html><head>"
        + "<link rel=\"stylesheet\" href=\"https://cdn.example.org/x.css\">"
        + "<link rel=\"stylesheet\" href=\"style.css\"></head><body id=\"top\">"
        + "<a href=\"sub/page.html#fit\">good anchor</a>"
        + "<a href=\"sub/page.html#old\">good named anchor</a>"
        + "<a href=\"sub/page.html#gone\">bad anchor</a>"
        + "<a href=\"sub/missing.html\">missing page</a>"
        + "<a href=\"sub/\">directory without index</a>"
        + "<a href=\"#top\">same page</a><a href=\"#nowhere\">bad same-page anchor</a>"
        + "<a href=\"https://doi.org/10.1016/j.camwa.2011.06.002\">paper</a><a href=\"mailto:a@b.c\">mail</a>"
        + "<a href=\"../outside.html\">outside</a>"
        + "<img src=\"sub/chart.png\" alt=\"ok\"><img src=\"sub/chart%20two.png\" alt=\"missing\">"
        + "<img src=\"data:image/png;base64,iVBORw0KGgo=\" alt=\"inline\">"
        + "<script src=\"http://example.org/x.js\"></script></body></html>");
    assertEquals(List.of(
        "index.html: link 'https://cdn.example.org/x.css' loads from the network (the site must read offline)",
        "index.html: link 'style.css' does not resolve (no file style.css)",
        "index.html: a 'sub/page.html#gone' names the anchor #gone, which sub/page.html does not have",
        "index.html: a 'sub/missing.html' does not resolve (no file sub/missing.html)",
        "index.html: a 'sub/' does not resolve (no file sub/index.html)",
        "index.html: a '#nowhere' names the anchor #nowhere, which index.html does not have",
        "index.html: a '../outside.html' points outside the site",
        "index.html: img 'sub/chart%20two.png' does not resolve (no file sub/chart two.png)",
        "index.html: script 'http://example.org/x.js' loads from the network (the site must read offline)"),
        LinkChecker.check(site));
  }

  @Test
  void encodedAnchorsOfJavadocMembersResolve(@TempDir Path site) throws Exception {
    Files.writeString(site.resolve("Solvers.html"), "<html><body><section id=\"solve(double[],int)\"></section></body></html>");
    Files.writeString(site.resolve("index.html"), "<html><body><a href=\"Solvers.html#solve(double%5B%5D,int)\">x</a>"
        + "<a href=\"Solvers.html#solve(double[],int)\">y</a></body></html>");
    assertEquals(List.of(), LinkChecker.check(site));
  }
}
