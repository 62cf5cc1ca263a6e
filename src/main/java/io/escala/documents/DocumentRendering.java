package io.escala.documents;

import com.openhtmltopdf.outputdevice.helper.BaseRendererBuilder.FontStyle;
import com.openhtmltopdf.outputdevice.helper.ExternalResourceControlPriority;
import com.openhtmltopdf.pdfboxout.PdfRendererBuilder;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;
import org.jsoup.Jsoup;
import org.jsoup.helper.W3CDom;
import org.jsoup.nodes.Document;
import org.jsoup.safety.Cleaner;
import org.jsoup.safety.Safelist;

/**
 * A generated document as its requester gets it: PDF (openhtmltopdf, DejaVu Serif regular, bold and italics embedded
 * as subsets, so every accent of es / pt-BR prints the same on any reader) and, where the template asks, DOCX
 * ({@link DocxWriter}).
 *
 * <p>A document's text ({@code document_row.output}) is the template body with the row's values and the LLM's
 * answers: HTML (values escaped by {@link TemplateRenderer}) or Markdown (values inserted as they are). Both are
 * untrusted here: Markdown becomes HTML through commonmark, and the HTML keeps only structural tags (jsoup's relaxed
 * safe list less images): no script, no style, no image, no link that is not http(s) or mailto. The renderer is also
 * refused every external resource, so nothing is ever fetched while a document is drawn. What the template's own
 * CSS said is lost: documents get the stylesheet below.
 */
public final class DocumentRendering {

  static final String FONT_FAMILY = "DejaVu Serif";

  private static final Safelist SAFE = Safelist.relaxed().removeTags("img").addTags("hr", "s");
  private static final String STYLE = """
      @page { size: A4; margin: 2cm 2cm 2.2cm 2cm; }
      * { font-family: 'DejaVu Serif'; }
      body { font-size: 11pt; line-height: 1.45; color: #111; }
      h1 { font-size: 18pt; margin: 0 0 10pt 0; }
      h2 { font-size: 15pt; margin: 14pt 0 8pt 0; }
      h3, h4, h5, h6 { font-size: 12.5pt; margin: 12pt 0 6pt 0; }
      p { margin: 0 0 8pt 0; }
      table { border-collapse: collapse; width: 100%; margin: 0 0 8pt 0; }
      th, td { border: 1px solid #888; padding: 3pt 5pt; vertical-align: top; text-align: left; }
      pre { white-space: pre-wrap; background: #f3f3f3; padding: 6pt; }
      blockquote { margin: 0 0 8pt 12pt; padding-left: 8pt; border-left: 2pt solid #bbb; }
      a { color: #0645ad; }
      """;
  private static final byte[] REGULAR = font("DejaVuSerif.ttf");
  private static final byte[] BOLD = font("DejaVuSerif-Bold.ttf");
  private static final byte[] ITALIC = font("DejaVuSerif-Italic.ttf");
  private static final byte[] BOLD_ITALIC = font("DejaVuSerif-BoldItalic.ttf");

  private final Parser markdown = Parser.builder().build();
  private final HtmlRenderer markdownHtml = HtmlRenderer.builder().sanitizeUrls(true).build();

  /** The document as safe HTML: a complete page with the print stylesheet, only safe-listed tags in its body. */
  public Document html(String output, TemplateVersion.BodyFormat format) {
    String html = format == TemplateVersion.BodyFormat.MARKDOWN
        ? markdownHtml.render(markdown.parse(output))
        : output;
    Document clean = new Cleaner(SAFE).clean(Jsoup.parse(html));
    clean.outputSettings().syntax(Document.OutputSettings.Syntax.xml).charset("UTF-8");
    clean.head().appendElement("meta").attr("charset", "utf-8");
    clean.head().appendElement("style").appendText(STYLE);
    return clean;
  }

  public byte[] pdf(String output, TemplateVersion.BodyFormat format) {
    ByteArrayOutputStream pdf = new ByteArrayOutputStream(32 * 1024);
    pdf(output, format, pdf);
    return pdf.toByteArray();
  }

  public void pdf(String output, TemplateVersion.BodyFormat format, OutputStream out) {
    try {
      PdfRendererBuilder builder = new PdfRendererBuilder();
      builder.useFastMode();
      builder.useFont(() -> new ByteArrayInputStream(REGULAR), FONT_FAMILY, 400, FontStyle.NORMAL, true);
      builder.useFont(() -> new ByteArrayInputStream(BOLD), FONT_FAMILY, 700, FontStyle.NORMAL, true);
      builder.useFont(() -> new ByteArrayInputStream(ITALIC), FONT_FAMILY, 400, FontStyle.ITALIC, true);
      builder.useFont(() -> new ByteArrayInputStream(BOLD_ITALIC), FONT_FAMILY, 700, FontStyle.ITALIC, true);
      // nothing a document names is loaded, whatever the sanitizer let through
      builder.useExternalResourceAccessControl((uri, type) -> false,
          ExternalResourceControlPriority.RUN_BEFORE_RESOLVING_URI);
      builder.useExternalResourceAccessControl((uri, type) -> false,
          ExternalResourceControlPriority.RUN_AFTER_RESOLVING_URI);
      builder.withW3cDocument(W3CDom.convert(html(output, format)), "about:blank");
      builder.toStream(out);
      builder.run();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public byte[] docx(String output, TemplateVersion.BodyFormat format) {
    ByteArrayOutputStream docx = new ByteArrayOutputStream(16 * 1024);
    DocxWriter.write(html(output, format).body(), docx);
    return docx.toByteArray();
  }

  private static byte[] font(String file) {
    try (InputStream font = DocumentRendering.class.getResourceAsStream("/fonts/dejavu/" + file)) {
      if (font == null) {
        throw new IllegalStateException("Font missing from the application: fonts/dejavu/" + file);
      }
      return font.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
