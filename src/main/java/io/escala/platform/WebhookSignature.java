package io.escala.platform;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Verifies JSON posts from external form tools and event sources, signed with a shared secret:
 *
 * <pre>
 * X-Escala-Timestamp: 1767225600                       (unix seconds)
 * X-Escala-Signature: sha256=&lt;hex HMAC-SHA256(secret, timestamp + "." + raw body bytes)&gt;
 * </pre>
 *
 * The timestamp is signed with the body and must be within five minutes of now, so a captured request cannot be
 * replayed later. Without a secret every request is rejected: an unconfigured webhook is closed, not open. A feature
 * creates one per shared secret, naming the setting that holds it, e.g.
 * {@code new WebhookSignature("escala.myflow.webhook-secret", secret)}.
 */
public class WebhookSignature {

  public static final String TIMESTAMP_HEADER = "X-Escala-Timestamp";
  public static final String SIGNATURE_HEADER = "X-Escala-Signature";
  public static final Duration TOLERANCE = Duration.ofMinutes(5);

  private static final Logger log = LoggerFactory.getLogger(WebhookSignature.class);
  private static final String PREFIX = "sha256=";
  private static final int SIGNATURE_HEX_LENGTH = 64;
  /** ASCII digits only: Long.parseLong would also take other scripts' digits and a sign. */
  private static final Pattern UNIX_SECONDS = Pattern.compile("[0-9]{1,12}");

  public enum Result { VALID, MISSING, BAD_SIGNATURE, STALE }

  private final String setting;
  private final byte[] secret;
  private final AtomicBoolean warnedUnconfigured = new AtomicBoolean();

  /**
   * @param setting the property that holds the secret, named in log lines and errors
   * @param secret the shared secret; blank closes the endpoint
   */
  public WebhookSignature(String setting, String secret) {
    this.setting = setting;
    this.secret = secret == null || secret.isBlank() ? null : secret.getBytes(StandardCharsets.UTF_8);
  }

  public boolean isConfigured() {
    return secret != null;
  }

  /** A blank secret answers {@link Result#BAD_SIGNATURE} to everything. */
  public Result verify(byte[] body, String timestampHeader, String signatureHeader, Instant now) {
    if (secret == null) {
      if (warnedUnconfigured.compareAndSet(false, true)) {
        log.warn("A signed webhook was called but {} is not set: every request to it is rejected. Set it (or its"
            + " environment variable) to the secret shared with the sender.", setting);
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
    if (!Hmac.matches(mac(timestamp, body), presented)) {
      return Result.BAD_SIGNATURE;
    }
    long skew = Math.abs(now.getEpochSecond() - seconds);
    return skew > TOLERANCE.toSeconds() ? Result.STALE : Result.VALID;
  }

  /** The {@value #SIGNATURE_HEADER} value for a body sent at {@code timestamp}; what a sender computes. */
  public String sign(byte[] body, Instant timestamp) {
    if (secret == null) {
      throw new IllegalStateException(setting + " is not set");
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
    return Hmac.sha256(secret, (timestamp + ".").getBytes(StandardCharsets.US_ASCII), body);
  }

  private static boolean isBlank(String value) {
    return value == null || value.isBlank();
  }
}
