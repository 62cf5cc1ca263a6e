package io.escala.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import io.escala.calendar.CalendarEvent;
import io.escala.calendar.CalendarInvites;
import io.escala.mail.EmailReceipt.Status;
import jakarta.mail.BodyPart;
import jakarta.mail.Part;
import jakarta.mail.internet.ContentType;
import jakarta.mail.Message.RecipientType;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.Component;
import net.fortuna.ical4j.model.Property;
import net.fortuna.ical4j.model.component.VEvent;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.test.context.DynamicPropertySource;

/** SMTP mode against a real SMTP server (GreenMail). */
@SpringBootTest(classes = MailTestSlice.class, webEnvironment = SpringBootTest.WebEnvironment.NONE)
@ExtendWith(OutputCaptureExtension.class)
class SmtpEmailSenderTest {

  private static final int SMTP_PORT = MailTestSlice.freePort();

  @RegisterExtension
  static final GreenMailExtension smtp =
      new GreenMailExtension(new ServerSetup(SMTP_PORT, "127.0.0.1", ServerSetup.PROTOCOL_SMTP))
          .withPerMethodLifecycle(false);

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    MailTestSlice.register(registry, "mailtest-smtp");
    registry.add("spring.mail.host", () -> "127.0.0.1");
    registry.add("spring.mail.port", () -> SMTP_PORT);
  }

  @Autowired EmailSender sender;
  @Autowired MailOutbox outbox;
  @Autowired JavaMailSenderImpl javaMailSender;
  @Autowired PlatformTransactionManager transactionManager;
  @Autowired MailMessageStore store;
  @Autowired JdbcClient jdbc;

  @BeforeEach
  void emptyInbox() throws Exception {
    smtp.purgeEmailFromAllMailboxes();
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
    "es    | ¡Hola, Ána! Tu cuenta en Escala está lista | Hola, Ána. Ya puedes empezar: ¡ánimo!",
    "pt-BR | Olá, Ána! Sua conta na Escala está pronta  | Olá, Ána. Você já pode começar: ação!",
    "en    | Hello, Ána! Your Escala account is ready   | Hello, Ána. You can start now: go!"
  })
  void sendsMultipartUtf8MailInTheRecipientsLanguage(String language, String subject, String greeting)
      throws Exception {
    EmailReceipt receipt = sender.send(request(key(), "ana@example.test", "Ána", Locale.forLanguageTag(language)));

    assertThat(receipt.status()).isEqualTo(Status.SENT);
    MimeMessage mail = onlyReceivedMail();
    assertThat(mail.getSubject()).isEqualTo(subject);
    assertThat(mail.getContentType()).startsWith("multipart/alternative");
    InternetAddress from = (InternetAddress) mail.getFrom()[0];
    assertThat(from.getAddress()).isEqualTo("no-reply@escala.test");
    assertThat(from.getPersonal()).isEqualTo("Escala Prueba");
    InternetAddress to = (InternetAddress) mail.getRecipients(RecipientType.TO)[0];
    assertThat(to.getAddress()).isEqualTo("ana@example.test");
    assertThat(to.getPersonal()).isEqualTo("Ána");

    MimeMultipart parts = (MimeMultipart) mail.getContent();
    assertThat(parts.getCount()).isEqualTo(2);
    assertThat(parts.getBodyPart(0).getContentType()).containsIgnoringCase("text/plain").containsIgnoringCase("utf-8");
    assertThat((String) parts.getBodyPart(0).getContent()).contains(greeting).contains("Case signup-42");
    assertThat(parts.getBodyPart(1).getContentType()).containsIgnoringCase("text/html").containsIgnoringCase("utf-8");
    assertThat((String) parts.getBodyPart(1).getContent())
        .contains("<p>" + greeting + "</p>")
        .contains("lang=\"" + language + "\"");

    StoredEmail stored = outbox.findById(receipt.messageId()).orElseThrow();
    assertThat(stored.status()).isEqualTo(MailStatus.SENT);
    assertThat(stored.subject()).isEqualTo(subject);
    assertThat(stored.locale()).isEqualTo(language);
    assertThat(stored.attempts()).isEqualTo(1);
    assertThat(stored.sentAt()).isNotNull();
  }

  @Test
  void theTextPartIsNotHtmlEscapedAndTheHtmlPartIs() throws Exception {
    sender.send(request(key(), "ana@example.test", "Ana & <Bea>", Locale.forLanguageTag("en")));

    MimeMultipart parts = (MimeMultipart) onlyReceivedMail().getContent();
    assertThat((String) parts.getBodyPart(0).getContent()).contains("Hello, Ana & <Bea>.");
    assertThat((String) parts.getBodyPart(1).getContent()).contains("Hello, Ana &amp; &lt;Bea&gt;.");
  }

  @Test
  void theRecordOfASentMailSurvivesTheCallersRolledBackTransaction() {
    String key = key();
    TransactionTemplate jobTransaction = new TransactionTemplate(transactionManager);
    jobTransaction.executeWithoutResult(status -> {
      sender.send(request(key, "ana@example.test", "Ana", Locale.forLanguageTag("es")));
      status.setRollbackOnly(); // e.g. an OptimisticLockingException when Camunda flushes the job
    });

    assertThat(outbox.findByIdempotencyKey(key).orElseThrow().status()).isEqualTo(MailStatus.SENT);
    assertThat(sender.send(request(key, "ana@example.test", "Ana", Locale.forLanguageTag("es"))).status())
        .isEqualTo(Status.DUPLICATE);
    assertThat(smtp.getReceivedMessages()).hasSize(1);
  }

  @Test
  void theSameKeyTwiceSendsOneMail() {
    String key = key();
    EmailReceipt first = sender.send(request(key, "ana@example.test", "Ana", Locale.forLanguageTag("es")));
    EmailReceipt second = sender.send(request(key, "ana@example.test", "Ana", Locale.forLanguageTag("es")));

    assertThat(first.status()).isEqualTo(Status.SENT);
    assertThat(second).isEqualTo(new EmailReceipt(first.messageId(), Status.DUPLICATE));
    assertThat(smtp.getReceivedMessages()).hasSize(1);
  }

  @Test
  void aLineBreakInTheDisplayNameOrSubjectCannotAddAHeaderOrARecipient() throws Exception {
    String evil = "Ana\r\nBcc: evil@x.test";
    sender.send(new EmailRequest(
        key(), "mailtest/hello", new Recipient("ana@example.test", evil), Locale.forLanguageTag("en"),
        Map.of("name", evil, "businessKey", "signup-42"), new Object[] {evil}));

    MimeMessage mail = onlyReceivedMail();
    // GreenMail opens a mailbox for every envelope recipient (RCPT TO): none was opened for the injected address.
    assertThat(smtp.getUserManager().getUserByEmail("evil@x.test")).isNull();
    assertThat(mail.getHeader("Bcc")).isNull();
    assertThat(mail.getAllRecipients()).hasSize(1);
    assertThat(((InternetAddress) mail.getAllRecipients()[0]).getPersonal()).isEqualTo("Ana Bcc: evil@x.test");
    assertThat(mail.getSubject()).isEqualTo("Hello, Ana Bcc: evil@x.test! Your Escala account is ready");
  }

  @ParameterizedTest
  @ValueSource(strings = {
    "", "not-an-address", "ana@", "@example.test", "Ana <ana@example.test>", "ana@example.test, evil@x.test",
    "ana@example.test\r\nBcc: evil@x.test", "ana@example.test\n", "ana smith@example.test", "ana@exa\u0000mple.test"
  })
  void anInvalidAddressIsRefusedAndNothingIsStored(String address) {
    String key = key();

    assertThatThrownBy(() -> sender.send(request(key, address, "Ana", Locale.forLanguageTag("es"))))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(outbox.findByIdempotencyKey(key)).isEmpty();
    assertThat(smtp.getReceivedMessages()).isEmpty();
  }

  @Test
  void aFailedDeliveryIsRecordedAndTheNextAttemptWithTheSameKeySendsExactlyOnce() throws Exception {
    String key = key();
    int workingPort = javaMailSender.getPort();
    javaMailSender.setPort(MailTestSlice.freePort()); // nobody listens there: SMTP is down
    try {
      assertThatThrownBy(() -> sender.send(request(key, "ana@example.test", "Ana", Locale.forLanguageTag("es"))))
          .isInstanceOf(MailDeliveryException.class);
    } finally {
      javaMailSender.setPort(workingPort);
    }
    StoredEmail failed = outbox.findByIdempotencyKey(key).orElseThrow();
    assertThat(failed.status()).isEqualTo(MailStatus.FAILED);
    assertThat(failed.lastError()).isNotBlank();
    assertThat(smtp.getReceivedMessages()).isEmpty();

    EmailReceipt retried = sender.send(request(key, "ana@example.test", "Ana", Locale.forLanguageTag("es")));
    EmailReceipt again = sender.send(request(key, "ana@example.test", "Ana", Locale.forLanguageTag("es")));

    assertThat(retried).isEqualTo(new EmailReceipt(failed.id(), Status.SENT));
    assertThat(again.status()).isEqualTo(Status.DUPLICATE);
    assertThat(smtp.getReceivedMessages()).hasSize(1);
    StoredEmail sent = outbox.findByIdempotencyKey(key).orElseThrow();
    assertThat(sent.status()).isEqualTo(MailStatus.SENT);
    assertThat(sent.attempts()).isEqualTo(2);
  }

  @Test
  void everyMailCarriesAMessageIdDerivedFromItsKeySoEveryKeyHasItsOwn() throws Exception {
    String first = key();
    String second = key();
    sender.send(request(first, "ana@example.test", "Ana", Locale.forLanguageTag("es")));
    sender.send(request(second, "ana@example.test", "Ana", Locale.forLanguageTag("es")));

    assertThat(smtp.waitForIncomingEmail(5_000, 2)).isTrue();
    assertThat(smtp.getReceivedMessages()).extracting(MimeMessage::getMessageID)
        .containsExactly(MailTestSlice.expectedMessageId(first), MailTestSlice.expectedMessageId(second))
        .doesNotHaveDuplicates();
  }

  @Test
  void aMailLeftSendingByADeadNodeIsTakenOverAfterTheLeaseAndSentOnceWithItsMessageId(CapturedOutput log)
      throws Exception {
    String key = key();
    // A node claimed the key, then died (kill -9) before the server had the message.
    long id = store.claim(storedContent(key), MailStatus.SENDING).messageId();
    leaveSendingSince(id, MailMessageStore.SENDING_LEASE.plusSeconds(1));

    EmailReceipt receipt = sender.send(request(key, "ana@example.test", "Ana", Locale.forLanguageTag("es")));

    assertThat(receipt).isEqualTo(new EmailReceipt(id, Status.SENT));
    assertThat(onlyReceivedMail().getMessageID()).isEqualTo(MailTestSlice.expectedMessageId(key));
    StoredEmail sent = outbox.findById(id).orElseThrow();
    assertThat(sent.status()).isEqualTo(MailStatus.SENT);
    assertThat(sent.attempts()).isEqualTo(2);
    assertThat(recoveredAt(id)).isNotNull();
    assertThat(log.getOut()).containsPattern(
        "WARN .*E-mail " + id + " \\(mailtest/hello\\) was left SENDING .* same Message-ID "
            + Pattern.quote(MailTestSlice.expectedMessageId(key)));
  }

  @Test
  void aMailTheServerTookBeforeTheNodeDiedIsSentAgainAsTheSameMessage() throws Exception {
    String key = key();
    long id = sender.send(request(key, "ana@example.test", "Ana", Locale.forLanguageTag("es"))).messageId();
    // The node died between the server's 250 and writing SENT: the row still says SENDING.
    jdbc.sql("UPDATE mail_message SET status = 'SENDING', sent_at = NULL WHERE id = :id").param("id", id).update();
    leaveSendingSince(id, MailMessageStore.SENDING_LEASE.plusSeconds(1));

    EmailReceipt retried = sender.send(request(key, "ana@example.test", "Ana", Locale.forLanguageTag("es")));

    // The honest at-least-once window: a second copy, but the same message for the receiver to discard.
    assertThat(retried).isEqualTo(new EmailReceipt(id, Status.SENT));
    assertThat(smtp.waitForIncomingEmail(5_000, 2)).isTrue();
    assertThat(smtp.getReceivedMessages()).extracting(MimeMessage::getMessageID)
        .containsExactly(MailTestSlice.expectedMessageId(key), MailTestSlice.expectedMessageId(key));
    assertThat(outbox.findById(id).orElseThrow().attempts()).isEqualTo(2);
    assertThat(recoveredAt(id)).isNotNull();
  }

  @Test
  void whileAnotherNodesLeaseIsAliveTheAttemptFailsForARetryAndSendsNothing() {
    String key = key();
    long id = store.claim(storedContent(key), MailStatus.SENDING).messageId();
    leaveSendingSince(id, MailMessageStore.SENDING_LEASE.minusSeconds(30));

    assertThatThrownBy(() -> sender.send(request(key, "ana@example.test", "Ana", Locale.forLanguageTag("es"))))
        .isInstanceOf(MailDeliveryException.class)
        .hasMessageContaining("another attempt");
    assertThat(smtp.getReceivedMessages()).isEmpty();
    StoredEmail stored = outbox.findById(id).orElseThrow();
    assertThat(stored.status()).isEqualTo(MailStatus.SENDING);
    assertThat(stored.attempts()).isEqualTo(1);
    assertThat(recoveredAt(id)).isNull();
  }

  @Test
  void theRecipientLookupIgnoresCase() {
    String address = "Case." + UUID.randomUUID() + "@Example.test";
    sender.send(request(key(), address, "Ana", Locale.forLanguageTag("es")));

    assertThat(outbox.findByRecipient(address.toUpperCase(Locale.ROOT)))
        .singleElement()
        .satisfies(mail -> assertThat(mail.recipientEmail()).isEqualTo(address.toLowerCase(Locale.ROOT)));
  }

  @Test
  void listHeadersReachTheServerExactlyAsGiven() throws Exception {
    String oneClick = "https://app.escala.test/unsubscribe/one-click?token=abc.def";
    Map<String, String> headers = new java.util.LinkedHashMap<>();
    headers.put("List-Unsubscribe", "<" + oneClick + ">");
    headers.put("list-unsubscribe-post", "List-Unsubscribe=One-Click"); // names are matched case-insensitively
    headers.put("List-Id", "Escala nurture <nurture.escala.test>");

    EmailReceipt receipt = sender.send(request(key(), "ana@example.test", "Ana", Locale.forLanguageTag("es"), headers));

    assertThat(receipt.status()).isEqualTo(Status.SENT);
    MimeMessage mail = onlyReceivedMail();
    assertThat(mail.getHeader("List-Unsubscribe")).containsExactly("<" + oneClick + ">");
    assertThat(mail.getHeader("List-Unsubscribe-Post")).containsExactly("List-Unsubscribe=One-Click");
    assertThat(mail.getHeader("List-Id")).containsExactly("Escala nurture <nurture.escala.test>");
    assertThat(java.util.Collections.list(mail.getAllHeaders()))
        .extracting(jakarta.mail.Header::getName)
        .filteredOn(name -> name.toLowerCase(Locale.ROOT).startsWith("list-"))
        .containsExactlyInAnyOrder("List-Unsubscribe", "List-Unsubscribe-Post", "List-Id");
  }

  @Test
  void aRequestWithoutHeadersSendsNoListHeaders() throws Exception {
    sender.send(request(key(), "ana@example.test", "Ana", Locale.forLanguageTag("es")));

    MimeMessage mail = onlyReceivedMail();
    assertThat(mail.getHeader("List-Unsubscribe")).isNull();
    assertThat(mail.getHeader("List-Unsubscribe-Post")).isNull();
    assertThat(mail.getHeader("List-Id")).isNull();
  }

  @Test
  void aLineBreakInAHeaderValueCannotAddAHeaderOrARecipient() throws Exception {
    sender.send(request(key(), "ana@example.test", "Ana", Locale.forLanguageTag("es"),
        Map.of("List-Id", "<nurture.escala.test>\r\nBcc: evil@x.test")));

    MimeMessage mail = onlyReceivedMail();
    assertThat(smtp.getUserManager().getUserByEmail("evil@x.test")).isNull();
    assertThat(mail.getHeader("Bcc")).isNull();
    assertThat(mail.getAllRecipients()).hasSize(1);
    assertThat(mail.getHeader("List-Id")).containsExactly("<nurture.escala.test> Bcc: evil@x.test");
  }

  @Test
  void anInviteTravelsAsTheCalendarAlternativeAndAsAnAttachmentAndStaysInTheOutbox() throws Exception {
    CalendarPart invite = invite(Instant.parse("2030-03-01T12:00:00Z"));

    EmailReceipt receipt = sender.send(
        request(key(), "ana@example.test", "Ana", Locale.forLanguageTag("pt-BR")).withCalendar(invite));

    MimeMessage mail = onlyReceivedMail();
    assertThat(mail.getContentType()).startsWith("multipart/mixed");
    MimeMultipart mixed = (MimeMultipart) mail.getContent();
    assertThat(mixed.getCount()).isEqualTo(2);
    MimeMultipart alternatives = (MimeMultipart) mixed.getBodyPart(0).getContent();
    assertThat(mixed.getBodyPart(0).getContentType()).startsWith("multipart/alternative");
    assertThat(alternatives.getCount()).isEqualTo(3);
    assertThat(alternatives.getBodyPart(0).getContentType()).containsIgnoringCase("text/plain");
    assertThat(alternatives.getBodyPart(1).getContentType()).containsIgnoringCase("text/html");
    BodyPart calendarPart = alternatives.getBodyPart(2);
    ContentType calendarType = new ContentType(calendarPart.getContentType());
    assertThat(calendarType.getBaseType()).isEqualTo("text/calendar");
    assertThat(calendarType.getParameter("method")).isEqualTo("REQUEST");
    assertThat(calendarType.getParameter("charset")).isEqualToIgnoringCase("UTF-8");
    String inline = new String(calendarPart.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(inline).isEqualTo(invite.ics());
    Calendar parsed = new CalendarBuilder().build(new StringReader(inline));
    assertThat(parsed.getProperty(Property.METHOD).orElseThrow().getValue()).isEqualTo("REQUEST");
    VEvent event = parsed.<VEvent>getComponents(Component.VEVENT).get(0);
    assertThat(event.getProperty(Property.DESCRIPTION).orElseThrow().getValue()).isEqualTo("Ñandú; São Paulo, 10h");

    BodyPart attachment = mixed.getBodyPart(1);
    assertThat(attachment.getDisposition()).isEqualToIgnoringCase(Part.ATTACHMENT);
    assertThat(attachment.getFileName()).isEqualTo("invite.ics");
    assertThat(new ContentType(attachment.getContentType()).getBaseType()).isEqualTo("application/ics");
    assertThat(new String(attachment.getInputStream().readAllBytes(), StandardCharsets.UTF_8)).isEqualTo(invite.ics());

    assertThat(outbox.findById(receipt.messageId()).orElseThrow().calendar()).isEqualTo(invite);
  }

  @Test
  void aRetryAfterAFailureSendsTheInviteFirstStoredUnderTheKey() throws Exception {
    String key = key();
    CalendarPart first = invite(Instant.parse("2030-03-01T12:00:00Z"));
    MailMessageStore.NewEmail attempt = new MailMessageStore.NewEmail(key, "mailtest/hello", "ana@example.test",
        "Ana", "es", new RenderedEmail("Hola", "Hola", "<p>Hola</p>"), first);
    store.markFailed(store.claim(attempt, MailStatus.SENDING), "connection reset");

    CalendarPart rebuilt = invite(Instant.parse("2030-03-01T12:05:00Z"));
    assertThat(rebuilt.ics()).isNotEqualTo(first.ics());
    EmailReceipt receipt = sender.send(
        request(key, "ana@example.test", "Ana", Locale.forLanguageTag("es")).withCalendar(rebuilt));

    assertThat(receipt.status()).isEqualTo(Status.SENT);
    MimeMultipart mixed = (MimeMultipart) onlyReceivedMail().getContent();
    MimeMultipart alternatives = (MimeMultipart) mixed.getBodyPart(0).getContent();
    assertThat(new String(alternatives.getBodyPart(2).getInputStream().readAllBytes(), StandardCharsets.UTF_8))
        .isEqualTo(first.ics());
    assertThat(outbox.findById(receipt.messageId()).orElseThrow().calendar()).isEqualTo(first);
  }

  @Test
  void aCalendarPartWhoseMethodDiffersFromTheIcsIsRefused() {
    String ics = invite(Instant.parse("2030-03-01T12:00:00Z")).ics();

    assertThatThrownBy(() -> new CalendarPart("CANCEL", ics)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new CalendarPart("REPLY", ics)).isInstanceOf(IllegalArgumentException.class);
  }

  private static CalendarPart invite(Instant dtstamp) {
    CalendarEvent event = new CalendarEvent("booking-9@escala.test", 0, Instant.parse("2030-03-10T12:00:00Z"),
        Instant.parse("2030-03-10T12:30:00Z"), "Demo", "Ñandú; São Paulo, 10h", "https://meet.example.com/x",
        new CalendarEvent.Person("rep@escala.test", "Rita"),
        List.of(new CalendarEvent.Person("ana@example.test", "Ana")));
    return new CalendarPart("REQUEST", new CalendarInvites(Clock.fixed(dtstamp, ZoneOffset.UTC)).request(event));
  }

  @ParameterizedTest
  @ValueSource(strings = {"Bcc", "From", "Reply-To", "Content-Type", "List-Unsubscribe\r\nBcc", "X-Tracking", ""})
  void aHeaderOutsideTheAllowListIsRefusedAndNothingIsStoredOrSent(String name) {
    String key = key();

    assertThatThrownBy(() -> sender.send(request(key, "ana@example.test", "Ana", Locale.forLanguageTag("es"),
            Map.of(name, "evil@x.test"))))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(outbox.findByIdempotencyKey(key)).isEmpty();
    assertThat(smtp.getReceivedMessages()).isEmpty();
  }

  private static EmailRequest request(
      String key, String email, String name, Locale locale, Map<String, String> headers) {
    return new EmailRequest(
        key, "mailtest/hello", new Recipient(email, name), locale,
        Map.of("name", name, "businessKey", "signup-42"), new Object[] {name}, headers);
  }

  private MimeMessage onlyReceivedMail() {
    assertThat(smtp.waitForIncomingEmail(5_000, 1)).isTrue();
    MimeMessage[] received = smtp.getReceivedMessages();
    assertThat(received).hasSize(1);
    return received[0];
  }

  private static EmailRequest request(String key, String email, String name, Locale locale) {
    return new EmailRequest(
        key, "mailtest/hello", new Recipient(email, name), locale,
        Map.of("name", name, "businessKey", "signup-42"), new Object[] {name});
  }

  private static MailMessageStore.NewEmail storedContent(String key) {
    return new MailMessageStore.NewEmail(
        key, "mailtest/hello", "ana@example.test", "Ana", "es", new RenderedEmail("Hola", "Hola", "<p>Hola</p>"));
  }

  private void leaveSendingSince(long id, Duration ago) {
    jdbc.sql("UPDATE mail_message SET claimed_at = :since WHERE id = :id")
        .param("since", OffsetDateTime.now(ZoneOffset.UTC).minus(ago))
        .param("id", id)
        .update();
  }

  private OffsetDateTime recoveredAt(long id) {
    return outbox.findById(id).orElseThrow().recoveredAt();
  }

  private static String key() {
    return "test:" + UUID.randomUUID();
  }
}
