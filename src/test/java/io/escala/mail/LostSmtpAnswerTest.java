package io.escala.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.escala.mail.EmailReceipt.Status;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The SMTP server takes the message but its answer to DATA comes after the client's read timeout: the outcome is
 * unknown to Escala, so the retry sends again, as the same message (same Message-ID), and the row says SENT once.
 */
@SpringBootTest(classes = MailTestSlice.class, webEnvironment = SpringBootTest.WebEnvironment.NONE)
class LostSmtpAnswerTest {

  private static final AnswerLosingSmtpServer server = new AnswerLosingSmtpServer(1);

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    MailTestSlice.register(registry, "mailtest-lost-answer");
    registry.add("spring.mail.host", () -> "127.0.0.1");
    registry.add("spring.mail.port", server::port);
    // Shortened from 60 s so the lost answer costs the test two seconds.
    registry.add("spring.mail.properties.mail.smtp.timeout", () -> "2000");
    registry.add("spring.mail.properties.mail.smtp.writetimeout", () -> "2000");
  }

  @AfterAll
  static void stopServer() throws Exception {
    server.close();
  }

  @Autowired EmailSender sender;
  @Autowired MailOutbox outbox;

  @Test
  void theRetryAfterALostAnswerIsTheSameMessageAndIsRecordedAsSentOnce() {
    String key = "test:" + UUID.randomUUID();

    assertThatThrownBy(() -> sender.send(request(key))).isInstanceOf(MailDeliveryException.class);
    StoredEmail afterTimeout = outbox.findByIdempotencyKey(key).orElseThrow();
    assertThat(afterTimeout.status()).isEqualTo(MailStatus.FAILED);
    assertThat(afterTimeout.lastError()).containsIgnoringCase("timed out");
    assertThat(server.receivedMessages()).hasSize(1); // the server has it; Escala cannot know

    EmailReceipt retried = sender.send(request(key));

    assertThat(retried).isEqualTo(new EmailReceipt(afterTimeout.id(), Status.SENT));
    List<MimeMessage> copies = server.receivedMessages();
    assertThat(copies).extracting(LostSmtpAnswerTest::messageId)
        .containsExactly(MailTestSlice.expectedMessageId(key), MailTestSlice.expectedMessageId(key));
    StoredEmail sent = outbox.findByIdempotencyKey(key).orElseThrow();
    assertThat(sent.status()).isEqualTo(MailStatus.SENT);
    assertThat(sent.attempts()).isEqualTo(2);
    assertThat(sent.sentAt()).isNotNull();

    assertThat(sender.send(request(key)).status()).isEqualTo(Status.DUPLICATE);
    assertThat(server.receivedMessages()).hasSize(2);
  }

  private static String messageId(MimeMessage message) {
    try {
      return message.getMessageID();
    } catch (MessagingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static EmailRequest request(String key) {
    return new EmailRequest(
        key, "mailtest/hello", new Recipient("ana@example.test", "Ana"), Locale.forLanguageTag("es"),
        Map.of("name", "Ana", "businessKey", "signup-42"), new Object[] {"Ana"});
  }
}
