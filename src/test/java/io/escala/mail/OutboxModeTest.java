package io.escala.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import io.escala.mail.EmailReceipt.Status;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.variable.Variables;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.security.test.context.support.WithMockUser;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.thymeleaf.ITemplateEngine;
import org.thymeleaf.context.Context;

/**
 * Outbox mode (empty spring.mail.host, the embedded default): mails are stored, never sent, and staff read them on
 * the outbox pages. An SMTP server listens on the configured port to prove nothing reaches it.
 */
@SpringBootTest(classes = MailTestSlice.class)
@AutoConfigureMockMvc
@WithMockUser(roles = "STAFF") // the lead's security config guards /staff/**; here only an authenticated user matters
class OutboxModeTest {

  private static final int SMTP_PORT = MailTestSlice.freePort();

  @RegisterExtension
  static final GreenMailExtension smtp =
      new GreenMailExtension(new ServerSetup(SMTP_PORT, "127.0.0.1", ServerSetup.PROTOCOL_SMTP))
          .withPerMethodLifecycle(false);

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    MailTestSlice.register(registry, "mailtest-outbox");
    registry.add("spring.mail.host", () -> "");
    registry.add("spring.mail.port", () -> SMTP_PORT);
  }

  @Autowired EmailSender sender;
  @Autowired MailOutbox outbox;
  @Autowired SendEmailDelegate sendEmail;
  @Autowired TestRecipients recipients;
  @Autowired ITemplateEngine templateEngine;
  @Autowired MockMvc mvc;

  @Test
  void mailIsKeptInTheOutboxAndNotSent() {
    String key = key();
    EmailReceipt receipt = sender.send(request(key, "bea@example.test", "Bea", "pt-BR"));

    assertThat(receipt.status()).isEqualTo(Status.OUTBOX);
    assertThat(smtp.getReceivedMessages()).isEmpty();
    StoredEmail stored = outbox.findById(receipt.messageId()).orElseThrow();
    assertThat(stored.idempotencyKey()).isEqualTo(key);
    assertThat(stored.status()).isEqualTo(MailStatus.OUTBOX);
    assertThat(stored.subject()).isEqualTo("Olá, Bea! Sua conta na Escala está pronta");
    assertThat(stored.bodyText()).contains("Olá, Bea. Você já pode começar: ação!");
    assertThat(stored.bodyHtml()).contains("<p>Olá, Bea. Você já pode começar: ação!</p>");
    assertThat(stored.sentAt()).isNull();
    assertThat(outbox.findByRecipient("bea@example.test")).extracting(StoredEmail::id).contains(stored.id());

    assertThat(sender.send(request(key, "bea@example.test", "Bea", "pt-BR")))
        .isEqualTo(new EmailReceipt(stored.id(), Status.DUPLICATE));
  }

  @Test
  void theDelegateRetriedOnTheSameExecutionStoresOneMail() throws Exception {
    DelegateExecution execution = mock(DelegateExecution.class, org.mockito.Mockito.RETURNS_DEEP_STUBS);
    SendEmailDelegateTest.inProcess(execution, TestRecipients.PROCESS_KEY);
    when(execution.getVariableLocal("template")).thenReturn("mailtest/hello");
    String caro = "Caro." + UUID.randomUUID() + "@Example.test";
    recipients.contacts.put("signup-7", new RecipientDirectory.Contact(new Recipient(caro, "Caro"), Locale.ENGLISH,
        Map.of("name", "Caro")));
    when(execution.getVariables()).thenReturn(Variables.createVariables());
    String instance = UUID.randomUUID().toString();
    when(execution.getProcessInstanceId()).thenReturn(instance);
    when(execution.getProcessBusinessKey()).thenReturn("signup-7");
    when(execution.getCurrentActivityId()).thenReturn("SendWelcome");
    when(execution.getId()).thenReturn("exec-1");

    sendEmail.execute(execution);
    sendEmail.execute(execution);

    StoredEmail stored =
        outbox.findByIdempotencyKey(instance + ":SendWelcome:exec-1:" + caro.toLowerCase(Locale.ROOT)).orElseThrow();
    assertThat(stored.subject()).isEqualTo("Hello, Caro! Your Escala account is ready");
    assertThat(stored.bodyText()).contains("Case signup-7");
    assertThat(outbox.findByRecipient(caro)).hasSize(1);
  }

  @Test
  void pagesOfTheRestOfTheAppStillRenderAsHtml() {
    Context context = new Context(Locale.forLanguageTag("es"), Map.of("greeting", "Hola & adiós"));

    assertThat(templateEngine.process("mailtest/page", context)).contains("<p>Hola &amp; adiós</p>");
  }

  @Test
  void staffSeeTheOutboxNewestFirstInTheirLanguage() throws Exception {
    sender.send(request(key(), "older@example.test", "Older", "es"));
    sender.send(request(key(), "newer@example.test", "Newer", "en"));

    String page = mvc.perform(get("/staff/outbox").header("Accept-Language", "en"))
        .andExpect(status().isOk())
        .andExpect(content().contentTypeCompatibleWith("text/html"))
        .andReturn().getResponse().getContentAsString();

    assertThat(page)
        .contains("<html lang=\"en\"")
        .contains("<caption>E-mails, page 1</caption>")
        .contains("<th scope=\"col\">Recipient</th>")
        .contains("In the outbox (not sent)")
        .contains("/css/escala.css");
    assertThat(page.indexOf("newer@example.test")).isLessThan(page.indexOf("older@example.test"));
  }

  @Test
  void theOutboxIsPaged() throws Exception {
    for (int i = 0; i <= OutboxController.PAGE_SIZE; i++) {
      sender.send(request(key(), "page" + i + "@example.test", "Page", "es"));
    }

    assertThat(outbox.recent(0, OutboxController.PAGE_SIZE).messages()).hasSize(OutboxController.PAGE_SIZE);
    assertThat(outbox.recent(0, OutboxController.PAGE_SIZE).hasNext()).isTrue();
    mvc.perform(get("/staff/outbox").param("page", "1").header("Accept-Language", "es"))
        .andExpect(status().isOk())
        .andExpect(content().string(org.hamcrest.Matchers.containsString("Correos, página 2")))
        .andExpect(content().string(org.hamcrest.Matchers.containsString("rel=\"prev\"")));
  }

  @Test
  void aMessagePageShowsTheHtmlOnlyInsideASandboxedFrame() throws Exception {
    EmailReceipt receipt = sender.send(request(key(), "dan@example.test", "<script>alert(1)</script>Dan", "es"));

    String page = mvc.perform(get("/staff/outbox/{id}", receipt.messageId()).header("Accept-Language", "pt-BR"))
        .andExpect(status().isOk())
        .andReturn().getResponse().getContentAsString();

    assertThat(page)
        .contains("<html lang=\"pt-BR\"")
        // the HTML comes from its own endpoint (platform/staff/MailPreview): links may open a tab, no script runs
        .contains("sandbox=\"allow-same-origin allow-popups allow-popups-to-escape-sandbox\"")
        .contains("src=\"/staff/outbox/" + receipt.messageId() + "/preview\"")
        .doesNotContain("allow-scripts")
        .doesNotContain("srcdoc")
        .contains("<pre>Hola, &lt;script&gt;alert(1)&lt;/script&gt;Dan.")
        .contains("Na caixa de saída (não enviado)")
        .doesNotContain("<script>");
  }

  @Test
  void aMessagePageNamesTheInviteTheMessageCarries() throws Exception {
    String ics = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Escala//test//EN\r\nMETHOD:CANCEL\r\n"
        + "END:VCALENDAR\r\n";
    EmailReceipt receipt = sender.send(
        request(key(), "eva@example.test", "Eva", "es").withCalendar(new CalendarPart("CANCEL", ics)));

    assertThat(outbox.findById(receipt.messageId()).orElseThrow().calendar().ics()).isEqualTo(ics);
    mvc.perform(get("/staff/outbox/{id}", receipt.messageId()).header("Accept-Language", "pt-BR"))
        .andExpect(status().isOk())
        .andExpect(content().string(org.hamcrest.Matchers.containsString("Cancelamento de calendário")))
        .andExpect(content().string(org.hamcrest.Matchers.containsString("<code>CANCEL</code>")));
  }

  @Test
  void anUnknownMessageIsNotFound() throws Exception {
    mvc.perform(get("/staff/outbox/{id}", Long.MAX_VALUE)).andExpect(status().isNotFound());
  }

  private static EmailRequest request(String key, String email, String name, String language) {
    return new EmailRequest(
        key, "mailtest/hello", new Recipient(email, name), Locale.forLanguageTag(language),
        Map.of("name", name, "businessKey", "signup-42"), new Object[] {name});
  }

  private static String key() {
    return "test:" + UUID.randomUUID();
  }
}
