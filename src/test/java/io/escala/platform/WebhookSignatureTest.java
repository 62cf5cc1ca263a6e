package io.escala.platform;

import static org.assertj.core.api.Assertions.assertThat;

import io.escala.platform.WebhookSignature.Result;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class WebhookSignatureTest {

  private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
  private static final String TIMESTAMP = String.valueOf(NOW.getEpochSecond());
  private static final byte[] BODY =
      "{\"email\":\"ana@example.com\",\"need\":\"Cursos de IA para 20 personas\"}".getBytes(StandardCharsets.UTF_8);

  private final WebhookSignature webhook = new WebhookSignature("test.secret", "whsec-test-secret");

  @Test
  void aBodySignedWithTheSharedSecretIsValid() throws Exception {
    String signature = webhook.sign(BODY, NOW);

    assertThat(webhook.verify(BODY, TIMESTAMP, signature, NOW)).isEqualTo(Result.VALID);
    // the documented scheme, computed independently: sha256=hex(HMAC-SHA256(secret, timestamp + "." + body))
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec("whsec-test-secret".getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    mac.update((TIMESTAMP + ".").getBytes(StandardCharsets.UTF_8));
    assertThat(signature).isEqualTo("sha256=" + HexFormat.of().formatHex(mac.doFinal(BODY)));
    assertThat(webhook.verify(BODY, TIMESTAMP, signature.toUpperCase().replace("SHA256=", "sha256="), NOW))
        .isEqualTo(Result.VALID);
  }

  @Test
  void aTamperedBodyOrTimestampIsRejected() {
    String signature = webhook.sign(BODY, NOW);
    byte[] tampered = new String(BODY, StandardCharsets.UTF_8).replace("20", "200").getBytes(StandardCharsets.UTF_8);

    assertThat(webhook.verify(tampered, TIMESTAMP, signature, NOW)).isEqualTo(Result.BAD_SIGNATURE);
    assertThat(webhook.verify(BODY, String.valueOf(NOW.getEpochSecond() + 1), signature, NOW))
        .isEqualTo(Result.BAD_SIGNATURE);
  }

  @Test
  void aSignatureMadeWithAnotherSecretIsRejected() {
    String signature = new WebhookSignature("test.secret", "another-secret").sign(BODY, NOW);

    assertThat(webhook.verify(BODY, TIMESTAMP, signature, NOW)).isEqualTo(Result.BAD_SIGNATURE);
  }

  @Test
  void missingHeadersAreReportedAsMissing() {
    String signature = webhook.sign(BODY, NOW);

    assertThat(webhook.verify(BODY, null, signature, NOW)).isEqualTo(Result.MISSING);
    assertThat(webhook.verify(BODY, TIMESTAMP, null, NOW)).isEqualTo(Result.MISSING);
    assertThat(webhook.verify(BODY, " ", " ", NOW)).isEqualTo(Result.MISSING);
    assertThat(webhook.verify(null, TIMESTAMP, signature, NOW)).isEqualTo(Result.MISSING);
  }

  @Test
  void aRequestOlderThanFiveMinutesIsStale() {
    String signature = webhook.sign(BODY, NOW);

    assertThat(webhook.verify(BODY, TIMESTAMP, signature, NOW.plus(Duration.ofMinutes(5))))
        .isEqualTo(Result.VALID);
    assertThat(webhook.verify(BODY, TIMESTAMP, signature, NOW.plus(Duration.ofMinutes(5)).plusSeconds(1)))
        .isEqualTo(Result.STALE);
  }

  @Test
  void aTimestampFarInTheFutureIsStale() {
    Instant future = NOW.plus(Duration.ofHours(1));
    String signature = webhook.sign(BODY, future);

    assertThat(webhook.verify(BODY, String.valueOf(future.getEpochSecond()), signature, NOW))
        .isEqualTo(Result.STALE);
  }

  @Test
  void malformedSignaturesAndTimestampsAreBadSignatures() {
    String signature = webhook.sign(BODY, NOW);
    String hex = signature.substring("sha256=".length());

    assertThat(webhook.verify(BODY, TIMESTAMP, "sha256=" + "zz".repeat(32), NOW)).isEqualTo(Result.BAD_SIGNATURE);
    assertThat(webhook.verify(BODY, TIMESTAMP, "sha256=" + hex.substring(2), NOW)).isEqualTo(Result.BAD_SIGNATURE);
    assertThat(webhook.verify(BODY, TIMESTAMP, hex, NOW)).isEqualTo(Result.BAD_SIGNATURE);
    assertThat(webhook.verify(BODY, TIMESTAMP, "sha1=" + hex, NOW)).isEqualTo(Result.BAD_SIGNATURE);
    assertThat(webhook.verify(BODY, "2026-01-01T00:00:00Z", signature, NOW)).isEqualTo(Result.BAD_SIGNATURE);
    assertThat(webhook.verify(BODY, "+" + TIMESTAMP, signature, NOW)).isEqualTo(Result.BAD_SIGNATURE);
  }

  @Test
  void withoutASecretEveryRequestIsRejected() {
    WebhookSignature unconfigured = new WebhookSignature("test.secret", "  ");
    String signedWithEmptyKey = "sha256=" + "0".repeat(64);

    assertThat(unconfigured.isConfigured()).isFalse();
    assertThat(unconfigured.verify(BODY, TIMESTAMP, signedWithEmptyKey, NOW)).isEqualTo(Result.BAD_SIGNATURE);
    assertThat(unconfigured.verify(BODY, TIMESTAMP, webhook.sign(BODY, NOW), NOW)).isEqualTo(Result.BAD_SIGNATURE);
    assertThat(new WebhookSignature("test.secret", null).verify(BODY, null, null, NOW)).isEqualTo(Result.BAD_SIGNATURE);
  }
}
