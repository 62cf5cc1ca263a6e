package io.escala.platform;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
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

  private final byte[] key;
  private final Clock clock;

  public SignedLinks(@Value("${escala.security.link-secret:}") String secret, Clock clock) {
    if (secret == null || secret.isBlank()) {
      log.warn("escala.security.link-secret is not set: using a random key, links in e-mails stop working after a"
          + " restart. Set ESCALA_SECURITY_LINKSECRET in production.");
      byte[] random = new byte[32];
      new SecureRandom().nextBytes(random);
      this.key = random;
    } else {
      this.key = secret.getBytes(StandardCharsets.UTF_8);
    }
    this.clock = clock;
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
    if (!MessageDigest.isEqual(mac(payload), signature)) {
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
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac.doFinal(payload.getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
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
