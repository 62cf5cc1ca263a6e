package io.escala.leads;

import io.escala.mail.MailHeaders;
import io.escala.platform.PublicUrl;
import io.escala.platform.SignedLinks;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Unsubscribe links for marketing e-mails: a page with a confirm button, and the RFC 8058 one-click address that mail
 * providers call from their own "unsubscribe" button. Both carry a signed token naming the lead.
 */
@Component
public class UnsubscribeLinks {

  static final String PURPOSE = "lead-unsubscribe";

  /** Long enough for old e-mails in an inbox; regulations and mailbox providers expect links to keep working. */
  static final Duration VALIDITY = Duration.ofDays(400);

  private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
  private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

  private final SignedLinks signedLinks;
  private final PublicUrl publicUrl;

  public UnsubscribeLinks(SignedLinks signedLinks, PublicUrl publicUrl) {
    this.signedLinks = signedLinks;
    this.publicUrl = publicUrl;
  }

  /** The page a reader opens from the e-mail's footer link (GET shows a confirm button). */
  public String pageUrl(String leadKey) {
    return publicUrl.to("/unsubscribe", "token", token(leadKey));
  }

  /** The address in {@code List-Unsubscribe}; mail providers POST {@code List-Unsubscribe=One-Click} to it. */
  public String oneClickUrl(String leadKey) {
    return publicUrl.to("/unsubscribe/one-click", "token", token(leadKey));
  }

  /** {@code List-Unsubscribe} and {@code List-Unsubscribe-Post} for {@code EmailRequest.headers}. */
  public Map<String, String> headers(String leadKey) {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put(MailHeaders.LIST_UNSUBSCRIBE, "<" + oneClickUrl(leadKey) + ">");
    headers.put(MailHeaders.LIST_UNSUBSCRIBE_POST, "List-Unsubscribe=One-Click");
    return headers;
  }

  /** The lead key of a valid, unexpired token of this purpose. */
  public Optional<String> leadKey(String token) {
    return signedLinks.verify(PURPOSE, token).validSubject().flatMap(UnsubscribeLinks::decode);
  }

  String token(String leadKey) {
    // Encoded: an address may contain '|', the separator inside signed tokens.
    String subject = ENCODER.encodeToString(LeadKeys.of(leadKey).getBytes(StandardCharsets.UTF_8));
    return signedLinks.sign(PURPOSE, subject, VALIDITY);
  }

  private static Optional<String> decode(String subject) {
    try {
      return Optional.of(new String(DECODER.decode(subject), StandardCharsets.UTF_8));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }
}
