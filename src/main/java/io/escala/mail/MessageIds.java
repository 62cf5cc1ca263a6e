package io.escala.mail;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

/**
 * The Message-ID of the e-mail sent under an idempotency key: {@code <sha256-hex-of-key@domain-of-from>}. It is the
 * same on every attempt, so when a retry sends a copy the server already had (its answer was lost, or the node died
 * before recording SENT), receivers that de-duplicate on Message-ID see one message. The key is hashed because it
 * holds the recipient's address and Escala's ids, which have no business in a header, and a hex digest is always a
 * valid left part.
 */
final class MessageIds {

  private MessageIds() {}

  static String of(String idempotencyKey, String fromAddress) {
    if (idempotencyKey == null || idempotencyKey.isBlank()) {
      throw new IllegalArgumentException("A Message-ID needs an idempotency key");
    }
    int at = fromAddress == null ? -1 : fromAddress.lastIndexOf('@');
    if (at < 1 || at == fromAddress.length() - 1) {
      throw new IllegalArgumentException("The sender address has no domain for the Message-ID");
    }
    String domain = fromAddress.substring(at + 1).strip().toLowerCase(Locale.ROOT);
    return "<" + HexFormat.of().formatHex(sha256(idempotencyKey)) + "@" + domain + ">";
  }

  private static byte[] sha256(String text) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("Every Java runtime has SHA-256", e);
    }
  }
}
