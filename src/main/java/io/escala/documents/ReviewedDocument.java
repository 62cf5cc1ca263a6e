package io.escala.documents;

import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;
import org.jsoup.Jsoup;
import org.jsoup.safety.Safelist;

/**
 * A generated document as the review page shows it. The LLM wrote it, so it is untrusted: Markdown is rendered with
 * its raw HTML escaped and unsafe link schemes dropped, and whatever HTML results (or an HTML body) is cleaned to an
 * allow-list of text markup: no script, no event handler, no style, no frame, no form, no image (a remote image
 * would tell its owner who reviews the document, and when).
 */
final class ReviewedDocument {

  private static final Parser MARKDOWN = Parser.builder().build();
  private static final HtmlRenderer HTML = HtmlRenderer.builder().escapeHtml(true).sanitizeUrls(true).build();
  private static final Safelist ALLOWED = Safelist.relaxed().removeTags("img")
      .addEnforcedAttribute("a", "rel", "nofollow noopener noreferrer")
      .addEnforcedAttribute("a", "target", "_blank");

  private ReviewedDocument() {}

  static String html(String document, TemplateVersion.BodyFormat format) {
    if (document == null) {
      return "";
    }
    String html = format == TemplateVersion.BodyFormat.MARKDOWN ? HTML.render(MARKDOWN.parse(document)) : document;
    return Jsoup.clean(html, ALLOWED);
  }
}
