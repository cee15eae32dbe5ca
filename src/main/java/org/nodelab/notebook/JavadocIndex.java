package org.nodelab.notebook;

import com.sun.source.doctree.DocCommentTree;
import com.sun.source.doctree.DocTree;
import com.sun.source.doctree.ParamTree;
import com.sun.source.doctree.ReturnTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.DocTrees;
import com.sun.source.util.JavacTask;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreePathScanner;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import javax.tools.JavaCompiler;
import javax.tools.SimpleJavaFileObject;
import javax.tools.ToolProvider;

/**
 * The Javadoc of nodelab's own API for inspect (shift-tab): the build packs the sources under
 * {@code nodelab-sources/} on the class path, and this reads a member's comment from them (its first
 * sentence, parameters and return value), since JShell's documentation lookup finds no sources there.
 */
final class JavadocIndex {
  private static final String ROOT = "nodelab-sources/";
  private static final List<String> PACKAGES = List.of("org.nodelab", "org.nodelab.tensor", "org.nodelab.nn",
      "org.nodelab.ode", "org.nodelab.model", "org.nodelab.train", "org.nodelab.data", "org.nodelab.plot");
  private static final Map<String, Map<String, String>> DOCS = new ConcurrentHashMap<>();
  private static final java.util.Set<String> PARSED = ConcurrentHashMap.newKeySet();

  private JavadocIndex() {}

  /** One inspect entry: the signature, then its Javadoc (JShell's, else nodelab's own) indented below. */
  static String entry(String signature, String javadoc) {
    String doc = javadoc != null ? javadoc : forSignature(signature);
    return doc == null ? signature : signature + "\n  " + doc.replace("\n", "\n  ");
  }

  /**
   * The documentation for a JShell signature such as {@code OdeSpec org.nodelab.Lab.ode(VectorField
   * f)} or {@code Solver Solvers.dopri5()}, or null when the member is not nodelab's.
   */
  static String forSignature(String signature) {
    int paren = signature.indexOf('(');
    String head = paren < 0 ? signature.replaceFirst(":.*$", "") : signature.substring(0, paren);
    String qualified = head.substring(head.lastIndexOf(' ') + 1);
    int dot = qualified.lastIndexOf('.');
    if (dot < 0) {
      return null;
    }
    String owner = qualified.substring(0, dot);
    String member = qualified.substring(dot + 1);
    String key = paren < 0 ? member : member + "(" + parameterTypes(signature.substring(paren + 1,
        signature.lastIndexOf(')'))) + ")";
    Map<String, String> docs = docsOf(owner);
    String doc = docs == null ? null : docs.get(key);
    if (doc == null && paren < 0) {
      Map<String, String> type = docsOf(qualified);
      doc = type == null ? null : type.get("");
    }
    return doc;
  }

  /** Simple type names of a parameter list, comma-separated: {@code java.util.List<X> a, int b} gives {@code List,int}. */
  static String parameterTypes(String parameters) {
    List<String> types = new ArrayList<>();
    int depth = 0;
    StringBuilder current = new StringBuilder();
    for (char c : (parameters + ",").toCharArray()) {
      if (c == '<') {
        depth++;
      } else if (c == '>') {
        depth--;
      } else if (c == ',' && depth == 0) {
        String p = current.toString().trim();
        if (!p.isEmpty()) {
          String type = p.contains(" ") ? p.substring(0, p.lastIndexOf(' ')).trim() : p;
          types.add(simple(type));
        }
        current.setLength(0);
      } else if (depth == 0) {
        current.append(c);
      }
    }
    return String.join(",", types);
  }

  private static String simple(String type) {
    String t = type.replace("final ", "").replace("...", "[]").trim();
    return t.substring(t.lastIndexOf('.') + 1);
  }

  /** Documentation by member key of the type {@code owner} (qualified or simple), or null if it has no source here. */
  private static Map<String, String> docsOf(String owner) {
    String[] parts = owner.split("\\.");
    int firstType = 0;
    while (firstType < parts.length && !Character.isUpperCase(parts[firstType].charAt(0))) {
      firstType++;
    }
    if (firstType == parts.length) {
      return null;
    }
    String nested = String.join(".", java.util.Arrays.copyOfRange(parts, firstType + 1, parts.length));
    List<String> packages = firstType > 0
        ? List.of(String.join(".", java.util.Arrays.copyOfRange(parts, 0, firstType))) : PACKAGES;
    for (String pkg : packages) {
      String topLevel = pkg + "." + parts[firstType];
      if (PARSED.add(topLevel)) {
        parse(topLevel);
      }
      Map<String, String> docs = DOCS.get(topLevel + (nested.isEmpty() ? "" : "." + nested));
      if (docs != null) {
        return docs;
      }
    }
    return null;
  }

  /** Parses the source of a top-level type into {@link #DOCS} (nested types too), if the source is here. */
  private static void parse(String topLevel) {
    String resource = ROOT + topLevel.replace('.', '/') + ".java";
    String source;
    try (InputStream in = JavadocIndex.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        return;
      }
      source = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      return;
    }
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    SimpleJavaFileObject file = new SimpleJavaFileObject(URI.create("string:///" + resource), SimpleJavaFileObject.Kind.SOURCE) {
      @Override
      public CharSequence getCharContent(boolean ignoreEncodingErrors) {
        return source;
      }
    };
    JavacTask task = (JavacTask) javac.getTask(null, null, d -> { }, List.of("-proc:none"), null, List.of(file));
    DocTrees trees = DocTrees.instance(task);
    try {
      for (CompilationUnitTree unit : task.parse()) {
        new Collector(trees, topLevel.substring(0, topLevel.lastIndexOf('.')), DOCS).scan(unit, null);
      }
    } catch (IOException e) {
      // no documentation for this type: inspect shows the signature alone
    }
  }

  /** Walks a compilation unit collecting the rendered doc comment of every type, method and field. */
  private static final class Collector extends TreePathScanner<Void, Void> {
    private final DocTrees trees;
    private final Map<String, Map<String, String>> byType;
    private final List<String> names = new ArrayList<>();
    private final String pkg;

    Collector(DocTrees trees, String pkg, Map<String, Map<String, String>> byType) {
      this.trees = trees;
      this.pkg = pkg;
      this.byType = byType;
    }

    private String type() {
      return pkg + "." + String.join(".", names);
    }

    @Override
    public Void visitClass(ClassTree node, Void unused) {
      String doc = render(trees.getDocCommentTree(getCurrentPath()));
      if (!names.isEmpty() && doc != null) {
        byType.computeIfAbsent(type(), k -> new ConcurrentHashMap<>()).put(node.getSimpleName().toString(), doc);
      }
      names.add(node.getSimpleName().toString());
      if (doc != null) {
        byType.computeIfAbsent(type(), k -> new ConcurrentHashMap<>()).put("", doc);
      }
      super.visitClass(node, unused);
      names.remove(names.size() - 1);
      return null;
    }

    @Override
    public Void visitMethod(MethodTree node, Void unused) {
      String doc = render(trees.getDocCommentTree(getCurrentPath()));
      if (doc != null) {
        String name = node.getName().contentEquals("<init>") ? names.get(names.size() - 1) : node.getName().toString();
        String types = node.getParameters().stream().map(p -> simple(p.getType().toString().replaceAll("<.*>", "")))
            .collect(Collectors.joining(","));
        byType.computeIfAbsent(type(), k -> new ConcurrentHashMap<>()).put(name + "(" + types + ")", doc);
      }
      return null;
    }

    @Override
    public Void visitVariable(VariableTree node, Void unused) {
      TreePath parent = getCurrentPath().getParentPath();
      if (parent != null && parent.getLeaf().getKind() != Tree.Kind.METHOD) {
        String doc = render(trees.getDocCommentTree(getCurrentPath()));
        if (doc != null) {
          byType.computeIfAbsent(type(), k -> new ConcurrentHashMap<>()).put(node.getName().toString(), doc);
        }
      }
      return null;
    }
  }

  /** The first sentence, then one line per parameter and the return value. */
  private static String render(DocCommentTree doc) {
    if (doc == null) {
      return null;
    }
    StringBuilder sb = new StringBuilder(firstSentence(text(doc.getFullBody())));
    for (DocTree tag : doc.getBlockTags()) {
      if (tag instanceof ParamTree p) {
        sb.append("\n  ").append(p.isTypeParameter() ? "<" + p.getName() + ">" : p.getName().toString())
            .append(" — ").append(text(p.getDescription()));
      } else if (tag instanceof ReturnTree r) {
        sb.append("\n  returns ").append(text(r.getDescription()));
      }
    }
    return sb.toString().strip();
  }

  /** The first sentence of {@code text}: up to a period followed by a capital or the end, not "e.g." or "i.e.". */
  static String firstSentence(String text) {
    java.util.regex.Matcher m = java.util.regex.Pattern
        .compile("(?<!\\be\\.g|\\bi\\.e|\\bet al|\\bcf|\\bvs)\\.(?=\\s+[A-Z(]|$)").matcher(text);
    return m.find() ? text.substring(0, m.end()) : text;
  }

  /**
   * Plain text of doc trees: inline tags give their text ({@code {@link ref label}} its label, even when
   * the reference's parameter list has spaces), HTML tags are dropped, white space collapsed.
   */
  static String text(List<? extends DocTree> trees) {
    String raw = java.util.regex.Pattern.compile("\\\\u([0-9a-fA-F]{4})")
        .matcher(trees.stream().map(Object::toString).collect(Collectors.joining()))
        .replaceAll(m -> String.valueOf((char) Integer.parseInt(m.group(1), 16)));
    return raw.replaceAll("\\{@(?:code|literal)\\s+([^{}]*(?:\\{[^{}]*\\}[^{}]*)*)\\}", "$1")
        .replaceAll("\\{@link(?:plain)?\\s+[^\\s}(]+(?:\\([^)]*\\))?\\s+([^}]+)\\}", "$1")
        .replaceAll("\\{@link(?:plain)?\\s+([^\\s}(]+(?:\\([^)]*\\))?)\\s*\\}", "$1")
        .replaceAll("(\\w)#(\\w)", "$1.$2")
        .replaceAll("(^|\\s)#(\\w)", "$1$2")
        .replaceAll("</?(?:p|br|em|i|b|strong|ul|ol|li|code|pre|sub|sup|a|tt|table|tr|td|th|dl|dt|dd|h\\d)\\b[^>]*>", "")
        .replaceAll("\\s+", " ")
        .strip();
  }
}
