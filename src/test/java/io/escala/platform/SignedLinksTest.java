package io.escala.platform;

import static org.assertj.core.api.Assertions.assertThat;

import io.escala.platform.SignedLinks.Status;
import io.escala.support.MutableClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class SignedLinksTest {

  private final MutableClock clock = new MutableClock(Instant.parse("2026-11-26T10:00:00Z"));
  private final SignedLinks links = new SignedLinks("secret-for-tests", clock);

  @Test
  void validTokenGivesItsSubjectUntilItExpires() {
    String token = links.sign("verify", "signup-1", Duration.ofDays(2));
    assertThat(links.verify("verify", token).validSubject()).contains("signup-1");
    clock.advance(Duration.ofDays(2).plusSeconds(1));
    assertThat(links.verify("verify", token).status()).isEqualTo(Status.EXPIRED);
    assertThat(links.verify("verify", token).validSubject()).isEmpty();
  }

  @Test
  void tokenOfAnotherPurposeOrKeyIsRejected() {
    String token = links.sign("progress", "signup-1", Duration.ofDays(2));
    assertThat(links.verify("verify", token).status()).isEqualTo(Status.INVALID);
    assertThat(new SignedLinks("other-secret", clock).verify("progress", token).status()).isEqualTo(Status.INVALID);
  }

  @Test
  void tamperedOrMalformedTokensAreInvalid() {
    String token = links.sign("verify", "signup-1", Duration.ofDays(2));
    String otherSubject = links.sign("verify", "signup-2", Duration.ofDays(2));
    String swapped = token.substring(0, token.indexOf('.')) + otherSubject.substring(otherSubject.indexOf('.'));
    assertThat(links.verify("verify", swapped).status()).isEqualTo(Status.INVALID);
    assertThat(links.verify("verify", null).status()).isEqualTo(Status.INVALID);
    assertThat(links.verify("verify", "no-dot").status()).isEqualTo(Status.INVALID);
    assertThat(links.verify("verify", "%%%.###").status()).isEqualTo(Status.INVALID);
    assertThat(links.verify("verify", "a".repeat(600)).status()).isEqualTo(Status.INVALID);
  }
}
