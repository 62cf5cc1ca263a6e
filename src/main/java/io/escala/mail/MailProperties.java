package io.escala.mail;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Sender identity of every e-mail ({@code escala.mail.*}). Whether mail leaves the machine is decided by
 * {@code spring.mail.host}: empty means outbox mode (see {@link MailConfiguration}).
 *
 * @param from envelope and header From address
 * @param fromName display name shown next to {@code from}
 */
@ConfigurationProperties("escala.mail")
public record MailProperties(
    @DefaultValue("no-reply@escala.local") String from, @DefaultValue("Escala") String fromName) {

  public MailProperties {
    // A bad sender address would only show up at the first send, inside a job: fail at start-up instead.
    try {
      new InternetAddress(from, true).validate();
    } catch (AddressException | NullPointerException e) {
      throw new IllegalArgumentException("escala.mail.from is not a valid e-mail address", e);
    }
  }
}
