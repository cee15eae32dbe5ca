package org.nodelab.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nodelab.notebook.Evaluator;

class KernelMainTest {

  @Test
  void onlyLoopbackAddressesAreAcceptedUnlessAllowed() {
    assertNull(KernelMain.refusal("127.0.0.1", "k", false));
    assertNull(KernelMain.refusal("::1", "k", false));
    String r = KernelMain.refusal("0.0.0.0", "k", false);
    assertTrue(r.contains("0.0.0.0") && r.contains("NODELAB_ALLOW_REMOTE"), r);
    assertNull(KernelMain.refusal("0.0.0.0", "k", true));
  }

  @Test
  void anEmptyKeyIsRefused() {
    var e = assertThrows(IllegalArgumentException.class, () -> KernelMain.refusal("127.0.0.1", "", false));
    assertTrue(e.getMessage().contains("empty key"));
  }

  @Test
  void theJShellStartupScriptMatchesTheKernelsImports() throws Exception {
    List<String> script = Files.readAllLines(Path.of("kernel/startup.jshell"));
    assertEquals(Evaluator.STARTUP_IMPORTS, script);
  }

  @Test
  void theKernelspecTemplateAsksForMessageInterrupts() throws Exception {
    String template = Files.readString(Path.of("kernel/kernel.json.template"));
    assertTrue(template.contains("\"interrupt_mode\": \"message\""));
    assertTrue(template.contains("\"display_name\": \"Java (nodelab)\""));
    assertTrue(template.contains("java.awt.headless=true"));
  }
}
