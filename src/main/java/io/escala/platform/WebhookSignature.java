package io.escala.platform;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Verifies JSON posts from external form tools and event sources, signed with a shared secret:
 *
 * <pre>
 * X-Escala-Timestamp: 1767225600                       (unix seconds)
 * X-Escala-Signature: sha256=&lt;hex HMAC-SHA256(secret, timestamp + "." + raw body bytes)&gt;
 * </pre>
 *
 * The timestamp is signed with the body and must be within five minutes of now, so a captured request cannot be
 * replayed later. Without a secret ({@code escala.leads.webhook-secret} blank) every request is rejected: an
 * unconfigured webhook is closed, not open.
 */
@Component
public class WebhookSignature {

  public static final String TIMESTAMP_HEADER = "X-Escala-Timestamp";
  public static final String SIGNATURE_HEADER = "X-Escala-Signature";
  public static final Duration TOLERANCE = Duration.ofMinutes(5);

  private static final Logger log = LoggerFactory.getLogger(WebhookSignature.class);
  private static final String PREFIX = "sha256=";
  private static final String ALGORITHM = "HmacSHA256";
  private static final int SIGNATURE_HEX_LENGTH = 64;
  /** ASCII digits only: Long.parseLong would also take other scripts' digits and a sign. */
  private static final Pattern UNIX_SECONDS = Pattern.compile("[0-9]{1,12}");

  public enum Result { VALID, MISSING, BAD_SIGNATURE, STALE }

  private final byte[] secret;
  private final AtomicBoolean warnedUnconfigured = new AtomicBoolean();

  public WebhookSignature(@Value("${escala.leads.webhook-secret:}") String secret) {
    this.secret = secret == null || secret.isBlank() ? null : secret.getBytes(StandardCharsets.UTF_8);
  }

  public boolean isConfigured() {
    return secret != null;
  }

  /** A blank secret answers {@link Result#BAD_SIGNATURE} to everything. */
  public Result verify(byte[] body, String timestampHeader, String signatureHeader, Instant now) {
    if (secret == null) {
      if (warnedUnconfigured.compareAndSet(false, true)) {
        log.warn("A signed webhook was called but escala.leads.webhook-secret is not set: every webhook request is"
            + " rejected. Set ESCALA_LEADS_WEBHOOKSECRET to the secret shared with the form tool.");
      }
      return Result.BAD_SIGNATURE;
    }
    if (body == null || isBlank(timestampHeader) || isBlank(signatureHeader)) {
      return Result.MISSING;
    }
    String timestamp = timestampHeader.trim();
    if (!UNIX_SECONDS.matcher(timestamp).matches()) {
      return Result.BAD_SIGNATURE;
    }
    long seconds = Long.parseLong(timestamp);
    byte[] presented = signatureBytes(signatureHeader.trim());
    // the signature is checked before the clock, so STALE is never an oracle for forged requests
    if (presented == null || !MessageDigest.isEqual(mac(timestamp, body), presented)) {
      return Result.BAD_SIGNATURE;
    }
    long skew = Math.abs(now.getEpochSecond() - seconds);
    return skew > TOLERANCE.toSeconds() ? Result.STALE : Result.VALID;
  }

  /** The {@value #SIGNATURE_HEADER} value for a body sent at {@code timestamp}; what a sender computes. */
  public String sign(byte[] body, Instant timestamp) {
    if (secret == null) {
      throw new IllegalStateException("escala.leads.webhook-secret is not set");
    }
    return PREFIX + HexFormat.of().formatHex(mac(String.valueOf(timestamp.getEpochSecond()), body));
  }

  private static byte[] signatureBytes(String header) {
    if (!header.regionMatches(true, 0, PREFIX, 0, PREFIX.length())
        || header.length() != PREFIX.length() + SIGNATURE_HEX_LENGTH) {
      return null;
    }
    try {
      return HexFormat.of().parseHex(header.substring(PREFIX.length()));
    } catch (IllegalArgumentException notHex) {
      return null;
    }
  }

  private byte[] mac(String timestamp, byte[] body) {
    try {
      Mac mac = Mac.getInstance(ALGORITHM);
      mac.init(new SecretKeySpec(secret, ALGORITHM));
      mac.update(timestamp.getBytes(StandardCharsets.US_ASCII));
      mac.update((byte) '.');
      return mac.doFinal(body);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static boolean isBlank(String value) {
    return value == null || value.isBlank();
  }
}
