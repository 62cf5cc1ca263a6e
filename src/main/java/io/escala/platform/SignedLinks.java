package io.escala.platform;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Tamper-proof, expiring tokens for links sent to customers (verification, progress page).
 *
 * <p>Token = base64url(purpose|subject|expiry) + "." + base64url(HMAC-SHA256). The purpose is part of the signed
 * text, so a progress token can never verify an e-mail address.
 */
@Component
public class SignedLinks {

  private static final Logger log = LoggerFactory.getLogger(SignedLinks.class);
  private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
  private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

  private final Supplier<byte[]> key;
  private final Clock clock;

  /**
   * Without {@code escala.security.link-secret} the key is generated once per installation and kept in the database
   * ({@link GeneratedSecrets}), so links in e-mails already sent keep working after a restart. Several instances
   * behind a load balancer share it through the database.
   */
  @Autowired
  public SignedLinks(@Value("${escala.security.link-secret:}") String secret, Clock clock, GeneratedSecrets generated) {
    if (secret == null || secret.isBlank()) {
      log.info("escala.security.link-secret is not set: links are signed with a key generated for this installation");
      this.key = memoize(() -> Base64.getDecoder().decode(generated.getOrCreate("link-secret")));
    } else {
      byte[] configured = secret.getBytes(StandardCharsets.UTF_8);
      this.key = () -> configured;
    }
    this.clock = clock;
  }

  /** A fixed key, for tests. */
  public SignedLinks(String secret, Clock clock) {
    byte[] configured = secret.getBytes(StandardCharsets.UTF_8);
    this.key = () -> configured;
    this.clock = clock;
  }

  private static Supplier<byte[]> memoize(Supplier<byte[]> supplier) {
    return new Supplier<>() {
      private volatile byte[] value;

      @Override
      public byte[] get() {
        if (value == null) {
          value = supplier.get();
        }
        return value;
      }
    };
  }

  public String sign(String purpose, String subject, Duration validFor) {
    long expiry = clock.instant().plus(validFor).getEpochSecond();
    String payload = purpose + "|" + subject + "|" + expiry;
    return ENCODER.encodeToString(payload.getBytes(StandardCharsets.UTF_8)) + "." + ENCODER.encodeToString(mac(payload));
  }

  /** The subject of a valid token of this purpose. */
  public Verification verify(String purpose, String token) {
    if (token == null || token.length() > 512) {
      return Verification.INVALID;
    }
    int dot = token.indexOf('.');
    if (dot < 0) {
      return Verification.INVALID;
    }
    String payload;
    byte[] signature;
    try {
      payload = new String(DECODER.decode(token.substring(0, dot)), StandardCharsets.UTF_8);
      signature = DECODER.decode(token.substring(dot + 1));
    } catch (IllegalArgumentException e) {
      return Verification.INVALID;
    }
    if (!Hmac.matches(mac(payload), signature)) {
      return Verification.INVALID;
    }
    String[] parts = payload.split("\\|", -1);
    if (parts.length != 3 || !parts[0].equals(purpose)) {
      return Verification.INVALID;
    }
    long expiry;
    try {
      expiry = Long.parseLong(parts[2]);
    } catch (NumberFormatException e) {
      return Verification.INVALID;
    }
    if (clock.instant().isAfter(Instant.ofEpochSecond(expiry))) {
      return new Verification(Status.EXPIRED, parts[1]);
    }
    return new Verification(Status.VALID, parts[1]);
  }

  private byte[] mac(String payload) {
    return Hmac.sha256(key.get(), payload.getBytes(StandardCharsets.UTF_8));
  }

  public enum Status { VALID, EXPIRED, INVALID }

  /** {@code subject} is present for valid and expired tokens (the signature held). */
  public record Verification(Status status, String subject) {
    static final Verification INVALID = new Verification(Status.INVALID, null);

    public Optional<String> validSubject() {
      return status == Status.VALID ? Optional.of(subject) : Optional.empty();
    }
  }
}
