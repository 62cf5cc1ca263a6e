package io.escala.leads;

import io.escala.platform.PublicUrl;
import java.net.URI;
import java.net.URISyntaxException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.stereotype.Repository;

/**
 * Links in nurture e-mails that report a click before they send the reader on ({@code /t/{token}}). The token is
 * random, not signed: it reveals nothing, and the row says where it leads, so a token can never point anywhere a
 * link was not created for. Table {@code tracking_link}.
 */
@Repository
public class TrackedLinks {

  /** 128 random bits, base64url without padding. */
  static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_-]{22}");

  private static final Pattern CONTENT_ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,99}");
  private static final int MAX_URL_LENGTH = 2000;
  private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

  private final JdbcClient jdbc;
  private final ContentCatalog catalog;
  private final PublicUrl publicUrl;
  private final Clock clock;
  private final TransactionTemplate ownTransaction;
  private final SecureRandom random = new SecureRandom();

  public TrackedLinks(JdbcClient jdbc, ContentCatalog catalog, PublicUrl publicUrl, Clock clock,
      PlatformTransactionManager transactionManager) {
    this.ownTransaction = new TransactionTemplate(transactionManager);
    this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    this.jdbc = jdbc;
    this.catalog = catalog;
    this.publicUrl = publicUrl;
    this.clock = clock;
  }

  /** Where a token leads and whom it belongs to. */
  public record TrackedLink(String token, String leadKey, String contentId, String targetUrl) {}

  /**
   * A new tracked link to {@code targetUrl}, as an absolute URL ({@code <public url>/t/<token>}).
   *
   * @param leadKey see {@link LeadKeys}
   * @param contentId what was clicked, reported as the engagement detail: a catalog item id, or a short label such
   *     as {@code book-demo} for a link to one of Escala's own pages
   * @param targetUrl a catalog item's URL or an address under Escala's own public URL; nothing else
   * @throws IllegalArgumentException for any other target, so no e-mail can turn into an open redirect
   */
  public String track(String leadKey, String contentId, String targetUrl) {
    String lead = LeadKeys.of(leadKey);
    if (contentId == null || !CONTENT_ID.matcher(contentId).matches()) {
      throw new IllegalArgumentException("A tracked link needs a content id like 'ai-course-es' (a-z, 0-9, '-')");
    }
    if (!isAllowedTarget(targetUrl)) {
      throw new IllegalArgumentException(
          "Tracked links lead only to catalog content or to Escala's own pages; not allowed: " + targetUrl);
    }
    String token = newToken();
    // Committed at once: the e-mail carrying the link may be delivered even if the job rolls back afterwards.
    ownTransaction.executeWithoutResult(status -> jdbc.sql("""
            INSERT INTO tracking_link (token, lead_key, content_id, target_url, created_at)
            VALUES (:token, :lead, :content, :target, :now)
            """)
        .param("token", token)
        .param("lead", lead)
        .param("content", contentId)
        .param("target", targetUrl)
        .param("now", OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC))
        .update());
    return publicUrl.to("/t/" + token);
  }

  public Optional<TrackedLink> find(String token) {
    if (token == null || !TOKEN.matcher(token).matches()) {
      return Optional.empty();
    }
    return jdbc.sql("SELECT token, lead_key, content_id, target_url FROM tracking_link WHERE token = :token")
        .param("token", token)
        .query(TrackedLink.class)
        .optional();
  }

  /** Erasure: removes every link of the lead. */
  public int forget(String leadKey) {
    return jdbc.sql("DELETE FROM tracking_link WHERE lead_key = :lead").param("lead", LeadKeys.of(leadKey)).update();
  }

  boolean isAllowedTarget(String targetUrl) {
    if (targetUrl == null || targetUrl.length() > MAX_URL_LENGTH
        || !targetUrl.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
      return false;
    }
    return catalog.containsUrl(targetUrl) || isOwnPage(targetUrl);
  }

  // Compared as parsed URIs, not string prefixes: "https://escala.app.evil.test" starts with "https://escala.app".
  private boolean isOwnPage(String targetUrl) {
    try {
      URI target = new URI(targetUrl);
      URI own = new URI(publicUrl.base());
      String ownPath = own.getRawPath() == null ? "" : own.getRawPath();
      String targetPath = target.getRawPath() == null ? "" : target.getRawPath();
      return target.getScheme() != null
          && target.getScheme().equalsIgnoreCase(own.getScheme())
          && target.getRawUserInfo() == null
          && target.getHost() != null
          && target.getHost().toLowerCase(Locale.ROOT).equals(own.getHost().toLowerCase(Locale.ROOT))
          && target.getPort() == own.getPort()
          && (targetPath.equals(ownPath) || targetPath.startsWith(ownPath + "/"))
          && !targetPath.contains("/../") && !targetPath.endsWith("/..");
    } catch (URISyntaxException e) {
      return false;
    }
  }

  private String newToken() {
    byte[] bytes = new byte[16];
    random.nextBytes(bytes);
    return ENCODER.encodeToString(bytes);
  }
}
