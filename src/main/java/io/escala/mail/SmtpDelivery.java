package io.escala.mail;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.Map;
import org.springframework.mail.javamail.JavaMailSender;

/** Hands one rendered e-mail to the SMTP server as multipart/alternative (plain text, then HTML), all UTF-8. */
class SmtpDelivery {

  private static final String UTF_8 = StandardCharsets.UTF_8.name();

  private final JavaMailSender mailSender;
  private final InternetAddress from;

  SmtpDelivery(JavaMailSender mailSender, MailProperties properties) {
    this.mailSender = mailSender;
    this.from = MailAddress.of(properties.from(), properties.fromName());
  }

  /** Throws Spring's MailException or MessagingException when the server does not take the message. */
  void deliver(InternetAddress to, RenderedEmail mail) throws MessagingException {
    deliver(to, mail, Map.of());
  }

  /** @param headers already checked by {@link MailHeaders#checked} */
  void deliver(InternetAddress to, RenderedEmail mail, Map<String, String> headers) throws MessagingException {
    MimeMessage message = mailSender.createMimeMessage();
    message.setFrom(from);
    message.setRecipient(Message.RecipientType.TO, to);
    message.setSubject(mail.subject(), UTF_8);
    message.setSentDate(new Date());
    for (Map.Entry<String, String> header : headers.entrySet()) {
      message.setHeader(header.getKey(), header.getValue());
    }
    // Clients show the last alternative they understand, so the richer HTML part goes last.
    MimeMultipart alternatives = new MimeMultipart("alternative");
    alternatives.addBodyPart(part(mail.bodyText(), "plain"));
    alternatives.addBodyPart(part(mail.bodyHtml(), "html"));
    message.setContent(alternatives);
    mailSender.send(message);
  }

  private static MimeBodyPart part(String body, String subtype) throws MessagingException {
    MimeBodyPart part = new MimeBodyPart();
    part.setText(body == null ? "" : body, UTF_8, subtype);
    return part;
  }
}
