package io.escala.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.mail.internet.InternetAddress;
import org.junit.jupiter.api.Test;

class MessageIdsTest {

  private static final String KEY = "8f1c-instance:SendVerification:8f1c-execution:ana@example.test";

  @Test
  void theSameKeyAlwaysGivesTheSameMessageIdAndAnotherKeyAnother() {
    String id = MessageIds.of(KEY, "no-reply@escala.test");

    assertThat(MessageIds.of(KEY, "no-reply@escala.test")).isEqualTo(id).isEqualTo(MailTestSlice.expectedMessageId(KEY));
    assertThat(MessageIds.of(KEY + "x", "no-reply@escala.test")).isNotEqualTo(id);
    assertThat(MessageIds.of(KEY.replace("ana@", "bea@"), "no-reply@escala.test")).isNotEqualTo(id);
  }

  @Test
  void theIdIsAValidMessageIdAtTheSendersDomainAndDoesNotShowTheKey() throws Exception {
    String id = MessageIds.of(KEY, "No-Reply@Mail.Escala.TEST");

    assertThat(id).matches("<[0-9a-f]{64}@mail\\.escala\\.test>").doesNotContain("ana").doesNotContain("instance");
    // The part between the brackets parses as an addr-spec, as RFC 5322 msg-id requires.
    new InternetAddress(id.substring(1, id.length() - 1), true).validate();
  }

  @Test
  void noKeyOrNoDomainIsRefused() {
    assertThatThrownBy(() -> MessageIds.of(" ", "no-reply@escala.test")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> MessageIds.of(KEY, "no-reply")).isInstanceOf(IllegalArgumentException.class);
  }
}
