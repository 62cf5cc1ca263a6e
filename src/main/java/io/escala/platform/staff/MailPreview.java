package io.escala.platform.staff;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.server.ResponseStatusException;

/**
 * The HTML of one stored e-mail, for the frame on the outbox message page ({@code /staff/outbox/{id}}, same
 * groups). E-mail HTML is styled inline, so this response alone allows inline styles; it runs no script (no
 * {@code script-src}, and a CSP sandbox without {@code allow-scripts}), submits no form, and its links open in a new,
 * unsandboxed tab ({@code <base target="_blank">}), where a verification link works as it does for the customer.
 */
@Controller
class MailPreview {

  static final String POLICY = "default-src 'none'; style-src 'unsafe-inline'; img-src https: data:;"
      + " font-src https: data:; base-uri 'none'; form-action 'none'; frame-ancestors 'self';"
      + " sandbox allow-same-origin allow-popups allow-popups-to-escape-sandbox";

  private final JdbcClient jdbc;

  MailPreview(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  @GetMapping("/staff/outbox/{id}/preview")
  ResponseEntity<String> preview(@PathVariable("id") long id) {
    String html = jdbc.sql("SELECT body_html FROM mail_message WHERE id = :id").param("id", id)
        .query(String.class).optional()
        .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
    return ResponseEntity.ok()
        .contentType(new MediaType(MediaType.TEXT_HTML, java.nio.charset.StandardCharsets.UTF_8))
        .header("Content-Security-Policy", POLICY)
        .header("Referrer-Policy", "no-referrer")
        .body(withLinksInNewTab(html == null ? "" : html));
  }

  private static final java.util.regex.Pattern HEAD = java.util.regex.Pattern.compile("(?i)<head(\\s[^>]*)?>");
  private static final java.util.regex.Pattern DOCTYPE = java.util.regex.Pattern.compile("(?i)^\\s*<!doctype[^>]*>");

  /**
   * Every link opens a new tab: a {@code <base target="_blank">} at the start of the head (after the doctype, so
   * the mail keeps its rendering mode; a document without a head gets it first, and the parser moves it there).
   */
  static String withLinksInNewTab(String html) {
    String base = "<base target=\"_blank\">";
    java.util.regex.Matcher head = HEAD.matcher(html);
    if (head.find()) {
      return html.substring(0, head.end()) + base + html.substring(head.end());
    }
    java.util.regex.Matcher doctype = DOCTYPE.matcher(html);
    if (doctype.find()) {
      return html.substring(0, doctype.end()) + base + html.substring(doctype.end());
    }
    return base + html;
  }
}
