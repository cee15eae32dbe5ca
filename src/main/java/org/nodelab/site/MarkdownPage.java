package org.nodelab.site;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.commonmark.Extension;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.FencedCodeBlock;
import org.commonmark.node.Link;
import org.commonmark.node.Node;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;

/**
 * A page written in CommonMark under {@code docs/}: its first line is {@code # Title}; links
 * {@code api:...} go to the API reference ({@link ApiLinks}); {@code java} code blocks are
 * highlighted and can be read back ({@link #javaBlocks}) to be run as tests.
 *
 * @param title the text of the first line's heading
 * @param markdown the whole source, the title line included
 */
record MarkdownPage(String title, String markdown) {
  private static final List<Extension> EXTENSIONS = List.of(TablesExtension.create());
  private static final Parser PARSER = Parser.builder().extensions(EXTENSIONS).build();

  /**
   * Reads a page.
   *
   * @param file a markdown file whose first line is {@code # Title}
   * @return the page: its title and source
   * @throws IllegalArgumentException if the first line is not a level-1 heading
   * @throws UncheckedIOException if the file cannot be read
   */
  static MarkdownPage read(Path file) {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the page " + file, e);
    }
    String first = text.lines().findFirst().orElse("");
    if (!first.startsWith("# ") || first.substring(2).isBlank()) {
      throw new IllegalArgumentException(file + ": the first line must be the page's title, '# Title', got '" + first + "'");
    }
    return new MarkdownPage(first.substring(2).strip(), text);
  }

  /**
   * The page's content as HTML.
   *
   * @param root the relative path from the page to the site root, such as {@code ../} (empty at the root)
   * @return the rendered markdown with API links rewritten, heading ids and highlighted Java
   */
  String html(String root) {
    Node document = PARSER.parse(markdown);
    document.accept(new AbstractVisitor() {
      @Override
      public void visit(Link link) {
        if (link.getDestination().startsWith(ApiLinks.SCHEME)) {
          link.setDestination(root + ApiLinks.path(link.getDestination()));
        }
        visitChildren(link);
      }
    });
    Document html = Jsoup.parseBodyFragment(HtmlRenderer.builder().extensions(EXTENSIONS).build().render(document));
    HtmlPass.headingIds(html.body());
    HtmlPass.highlight(html.body(), "pre > code.language-java");
    return html.body().html();
  }

  /**
   * The source of every fenced code block marked {@code java}, in page order.
   *
   * @return the blocks' literal text
   */
  List<String> javaBlocks() {
    List<String> blocks = new ArrayList<>();
    PARSER.parse(markdown).accept(new AbstractVisitor() {
      @Override
      public void visit(FencedCodeBlock block) {
        if ("java".equals(block.getInfo().strip())) {
          blocks.add(block.getLiteral());
        }
      }
    });
    return blocks;
  }
}
