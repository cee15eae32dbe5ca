package org.nodelab.site;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** API links map to javadoc's file layout: packages, types, nested types and member anchors. */
class ApiLinksTest {

  @Test
  void mapsPackagesTypesNestedTypesAndMembers() {
    assertEquals("api/org/nodelab/ode/package-summary.html", ApiLinks.path("api:org.nodelab.ode"));
    assertEquals("api/org/nodelab/ode/Solvers.html", ApiLinks.path("api:org.nodelab.ode.Solvers"));
    assertEquals("api/org/nodelab/ode/Solvers.html#rk45()", ApiLinks.path("api:org.nodelab.ode.Solvers#rk45()"));
    assertEquals("api/org/nodelab/train/Trainer.Run.html", ApiLinks.path("api:org.nodelab.train.Trainer.Run"));
    assertEquals("api/org/nodelab/Lab.html#ode(org.nodelab.nn.Module)",
        ApiLinks.path("api:org.nodelab.Lab#ode(org.nodelab.nn.Module)"));
  }

  @Test
  void refusesLinksThatNameNothing() {
    for (String bad : new String[] {"api:", "api:org..ode", "api:.Solvers", "https://example.org"}) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ApiLinks.path(bad));
      assertTrue(e.getMessage().contains(bad), e.getMessage());
    }
  }
}
