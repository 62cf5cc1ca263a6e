package io.escala.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MailHeadersTest {

  @Test
  void theOldSixArgumentRequestHasNoHeaders() {
    EmailRequest request = new EmailRequest("key", "mailtest/hello", new Recipient("a@b.test", null), Locale.ENGLISH,
        Map.of(), new Object[0]);

    assertThat(request.headers()).isEmpty();
    assertThat(new EmailRequest("key", "mailtest/hello", null, null, null, null, null).headers()).isEmpty();
  }

  @Test
  void theRequestKeepsACopyInTheGivenOrder() {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
    headers.put("List-Unsubscribe", "<https://app.escala.test/u>");
    EmailRequest request = new EmailRequest("key", "mailtest/hello", null, null, null, null, headers);
    headers.put("Bcc", "evil@x.test");

    assertThat(request.headers()).containsExactly(
        Map.entry("List-Unsubscribe-Post", "List-Unsubscribe=One-Click"),
        Map.entry("List-Unsubscribe", "<https://app.escala.test/u>"));
  }

  @Test
  void namesBecomeCanonicalAndValuesOneLine() {
    assertThat(MailHeaders.checked(Map.of(" list-UNSUBSCRIBE ", "<https://a.test/u>\u2028\t<mailto:u@a.test>")))
        .containsExactly(Map.entry("List-Unsubscribe", "<https://a.test/u> <mailto:u@a.test>"));
  }

  @Test
  void badHeadersAreRefused() {
    Map<String, String> nullValue = new HashMap<>();
    nullValue.put("List-Id", null);
    Map<String, String> twice = new LinkedHashMap<>();
    twice.put("List-Id", "<a.test>");
    twice.put("list-id", "<b.test>");

    assertThatThrownBy(() -> MailHeaders.checked(Map.of("Subject", "x"))).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> MailHeaders.checked(nullValue)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> MailHeaders.checked(Map.of("List-Id", " \r\n ")))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> MailHeaders.checked(Map.of("List-Id", "<ñandú.test>")))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> MailHeaders.checked(Map.of("List-Id", "x".repeat(901))))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> MailHeaders.checked(twice)).isInstanceOf(IllegalArgumentException.class);
  }
}
