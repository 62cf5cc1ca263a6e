package io.escala.mail;

import io.escala.support.PostgresTestDatabase;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.context.MessageSourceAutoConfiguration;
import org.springframework.boot.autoconfigure.context.PropertyPlaceholderAutoConfiguration;
import org.springframework.boot.autoconfigure.flyway.FlywayAutoConfiguration;
import org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration;
import org.springframework.boot.autoconfigure.jdbc.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.boot.autoconfigure.jdbc.JdbcClientAutoConfiguration;
import org.springframework.boot.autoconfigure.jdbc.JdbcTemplateAutoConfiguration;
import org.springframework.boot.autoconfigure.mail.MailSenderAutoConfiguration;
import org.springframework.boot.autoconfigure.thymeleaf.ThymeleafAutoConfiguration;
import org.springframework.boot.autoconfigure.transaction.TransactionAutoConfiguration;
import org.springframework.boot.autoconfigure.web.servlet.WebMvcAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * The mail module with the Spring Boot auto-configuration it relies on (H2 + Flyway, Thymeleaf, messages, mail
 * sender, MVC), and nothing else: no engine, no security. The same Thymeleaf engine renders pages and mail bodies.
 */
@Configuration(proxyBeanMethods = false)
@ImportAutoConfiguration({
  PropertyPlaceholderAutoConfiguration.class,
  DataSourceAutoConfiguration.class,
  DataSourceTransactionManagerAutoConfiguration.class,
  TransactionAutoConfiguration.class,
  JdbcTemplateAutoConfiguration.class,
  JdbcClientAutoConfiguration.class,
  FlywayAutoConfiguration.class,
  MessageSourceAutoConfiguration.class,
  ThymeleafAutoConfiguration.class,
  MailSenderAutoConfiguration.class,
  WebMvcAutoConfiguration.class
})
@EnableConfigurationProperties(MailProperties.class)
@Import({
  MailConfiguration.class,
  EmailRenderer.class,
  MailMessageStore.class,
  MailOutbox.class,
  OutboxController.class,
  SendEmailDelegate.class,
  CaseContacts.class,
  TestRecipients.class
})
class MailTestSlice {

  /**
   * Properties every slice test needs; the database name keeps test classes apart. With {@code POSTGRES_TEST_URL}
   * (a JDBC URL carrying user and password) the same tests run on PostgreSQL, in a database created for this JVM.
   */
  static void register(DynamicPropertyRegistry registry, String database) {
    String postgres = System.getProperty("POSTGRES_TEST_URL", System.getenv("POSTGRES_TEST_URL"));
    // A fresh database of this JVM's own, never the server's database itself: branches with other Flyway scripts
    // share that server, and a script one applied would fail the others' validation.
    registry.add("spring.datasource.url", () -> postgres != null && !postgres.isBlank() && !postgres.startsWith("${")
        ? PostgresTestDatabase.get().url()
        : "jdbc:h2:mem:" + database + ";DB_CLOSE_DELAY=-1");
    registry.add("spring.messages.basename", () -> "i18n/mail,i18n/mailtest");
    registry.add("spring.messages.fallback-to-system-locale", () -> "false");
    registry.add("escala.mail.from", () -> "no-reply@escala.test");
    registry.add("escala.mail.from-name", () -> "Escala Prueba");
  }

  /**
   * The Message-ID every e-mail sent under {@code key} must carry, written out independently of the code under test:
   * SHA-256 of the key in hex, at the domain of {@code escala.mail.from} set by {@link #register}.
   */
  static String expectedMessageId(String key) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
      return "<" + HexFormat.of().formatHex(digest) + "@escala.test>";
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A port nobody listens on right now (a listener is started on it, or it stays closed on purpose). */
  static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
