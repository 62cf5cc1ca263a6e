package io.escala.documents;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import org.apache.poi.xwpf.usermodel.UnderlinePatterns;
import org.apache.poi.xwpf.usermodel.VerticalAlign;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFParagraph;
import org.apache.poi.xwpf.usermodel.XWPFRun;
import org.apache.poi.xwpf.usermodel.XWPFTable;
import org.apache.poi.xwpf.usermodel.XWPFTableCell;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;

/**
 * The DOCX of a document, from its sanitized HTML ({@link DocumentRendering#html}) through Apache POI: headings (as
 * larger bold text, not Word heading styles), paragraphs, bold / italic / underline / struck / sub- and superscript
 * text, line breaks, bulleted and numbered lists (as "•" / "1." prefixes with indentation, not Word list numbering),
 * preformatted text, quotes (indented) and tables (cell text). Lost: the stylesheet (the Word defaults apply, fonts
 * are not embedded), link targets (the link text stays), a table inside a table (its text goes into the cell).
 */
final class DocxWriter {

  private static final Set<String> BLOCKS = Set.of("p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li",
      "table", "pre", "blockquote", "hr", "dl", "dt", "dd");
  private static final int[] HEADING_POINTS = {20, 16, 14, 12, 12, 12};
  private static final int INDENT = 360;

  private record Style(boolean bold, boolean italic, boolean underline, boolean strike, boolean code,
      VerticalAlign align, Integer points) {

    static final Style PLAIN = new Style(false, false, false, false, false, null, null);

    Style with(String tag) {
      return switch (tag) {
        case "b", "strong", "th" -> new Style(true, italic, underline, strike, code, align, points);
        case "i", "em", "cite", "q" -> new Style(bold, true, underline, strike, code, align, points);
        case "u" -> new Style(bold, italic, true, strike, code, align, points);
        case "s", "strike" -> new Style(bold, italic, underline, true, code, align, points);
        case "code" -> new Style(bold, italic, underline, strike, true, align, points);
        case "sub" -> new Style(bold, italic, underline, strike, code, VerticalAlign.SUBSCRIPT, points);
        case "sup" -> new Style(bold, italic, underline, strike, code, VerticalAlign.SUPERSCRIPT, points);
        default -> this;
      };
    }
  }

  private final XWPFDocument docx;

  private DocxWriter(XWPFDocument docx) {
    this.docx = docx;
  }

  static void write(Element body, OutputStream out) {
    try (XWPFDocument docx = new XWPFDocument()) {
      new DocxWriter(docx).blocks(body, docx::createParagraph, 0);
      docx.write(out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The children of a block container; inline content between blocks becomes a paragraph of its own. */
  private void blocks(Element container, Supplier<XWPFParagraph> paragraphs, int indent) {
    XWPFParagraph open = null;
    for (Node child : container.childNodes()) {
      if (child instanceof Element element && BLOCKS.contains(element.normalName())) {
        open = null;
        block(element, paragraphs, indent);
      } else if (!(child instanceof TextNode text && text.isBlank())) {
        if (open == null) {
          open = paragraph(paragraphs, indent);
        }
        inline(child, open, Style.PLAIN, false);
      }
    }
  }

  private void block(Element element, Supplier<XWPFParagraph> paragraphs, int indent) {
    String tag = element.normalName();
    switch (tag) {
      case "h1", "h2", "h3", "h4", "h5", "h6" -> {
        XWPFParagraph heading = paragraph(paragraphs, indent);
        heading.setSpacingBefore(200);
        Style style = new Style(true, false, false, false, false, null, HEADING_POINTS[tag.charAt(1) - '1']);
        element.childNodes().forEach(child -> inline(child, heading, style, false));
      }
      case "ul", "ol" -> {
        int number = tag.equals("ol") ? parseStart(element.attr("start")) : 0;
        for (Element item : element.children()) {
          if (!item.normalName().equals("li")) {
            block(item, paragraphs, indent + INDENT);
            continue;
          }
          XWPFParagraph line = paragraph(paragraphs, indent + INDENT);
          line.createRun().setText(tag.equals("ol") ? (number++) + ". " : "• ");
          listItem(item, line, paragraphs, indent + INDENT);
        }
      }
      case "table" -> table(element);
      case "pre" -> {
        XWPFParagraph pre = paragraph(paragraphs, indent);
        element.childNodes().forEach(child -> inline(child, pre, Style.PLAIN.with("code"), true));
      }
      case "blockquote", "dd" -> blocks(element, paragraphs, indent + INDENT);
      case "dt" -> {
        XWPFParagraph term = paragraph(paragraphs, indent);
        element.childNodes().forEach(child -> inline(child, term, Style.PLAIN.with("b"), false));
      }
      case "hr" -> paragraph(paragraphs, indent).setBorderBottom(org.apache.poi.xwpf.usermodel.Borders.SINGLE);
      default -> blocks(element, paragraphs, indent); // p, div, li outside a list, dl
    }
  }

  /** An item's own text goes on its bullet's line; a nested list or other block follows, indented. */
  private void listItem(Element item, XWPFParagraph line, Supplier<XWPFParagraph> paragraphs, int indent) {
    boolean blockSeen = false;
    for (Node child : item.childNodes()) {
      if (child instanceof Element element && BLOCKS.contains(element.normalName())) {
        if (!blockSeen && element.normalName().equals("p")) {
          element.childNodes().forEach(inner -> inline(inner, line, Style.PLAIN, false));
        } else {
          block(element, paragraphs, indent);
        }
        blockSeen = true;
      } else if (!blockSeen) {
        inline(child, line, Style.PLAIN, false);
      }
    }
  }

  private void table(Element table) {
    List<Element> rows = table.select("tr").stream().filter(row -> row.closest("table") == table).toList();
    int columns = rows.stream().mapToInt(row -> row.select("> th, > td").size()).max().orElse(0);
    if (rows.isEmpty() || columns == 0) {
      return;
    }
    XWPFTable out = docx.createTable(rows.size(), columns);
    for (int r = 0; r < rows.size(); r++) {
      List<Element> cells = rows.get(r).select("> th, > td");
      for (int c = 0; c < cells.size(); c++) {
        XWPFTableCell cell = out.getRow(r).getCell(c);
        XWPFParagraph first = cell.getParagraphs().get(0);
        Style style = cells.get(c).normalName().equals("th") ? Style.PLAIN.with("th") : Style.PLAIN;
        inline(cells.get(c), first, style, false);
      }
    }
    docx.createParagraph();
  }

  private void inline(Node node, XWPFParagraph paragraph, Style style, boolean preformatted) {
    if (node instanceof TextNode text) {
      String value = preformatted ? text.getWholeText() : text.text();
      String[] lines = value.split("\n", -1);
      for (int i = 0; i < lines.length; i++) {
        XWPFRun run = run(paragraph, style);
        if (i > 0) {
          run.addBreak();
        }
        if (!lines[i].isEmpty()) {
          run.setText(lines[i]);
        }
      }
    } else if (node instanceof Element element) {
      if (element.normalName().equals("br")) {
        paragraph.createRun().addBreak();
        return;
      }
      Style inner = style.with(element.normalName());
      element.childNodes().forEach(child -> inline(child, paragraph, inner, preformatted));
    }
  }

  private static XWPFRun run(XWPFParagraph paragraph, Style style) {
    XWPFRun run = paragraph.createRun();
    run.setBold(style.bold());
    run.setItalic(style.italic());
    if (style.underline()) {
      run.setUnderline(UnderlinePatterns.SINGLE);
    }
    run.setStrikeThrough(style.strike());
    if (style.code()) {
      run.setFontFamily("Courier New");
    }
    if (style.align() != null) {
      run.setSubscript(style.align());
    }
    if (style.points() != null) {
      run.setFontSize(style.points());
    }
    return run;
  }

  private static XWPFParagraph paragraph(Supplier<XWPFParagraph> paragraphs, int indent) {
    XWPFParagraph paragraph = paragraphs.get();
    paragraph.setSpacingAfter(120);
    if (indent > 0) {
      paragraph.setIndentationLeft(indent);
    }
    return paragraph;
  }

  private static int parseStart(String start) {
    try {
      return start.isBlank() ? 1 : Integer.parseInt(start.strip());
    } catch (NumberFormatException e) {
      return 1;
    }
  }
}
