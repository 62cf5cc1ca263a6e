package io.escala.mail;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
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

  /** The Message-ID every attempt under this key carries ({@link MessageIds}). */
  String messageIdFor(String idempotencyKey) {
    return MessageIds.of(idempotencyKey, from.getAddress());
  }

  /**
   * Throws Spring's MailException or MessagingException when the server does not take the message.
   *
   * @param headers already checked by {@link MailHeaders#checked}
   * @param messageId from {@link #messageIdFor}
   */
  void deliver(InternetAddress to, RenderedEmail mail, Map<String, String> headers, String messageId)
      throws MessagingException {
    MimeMessage message = new KeyedMimeMessage(mailSender.createMimeMessage().getSession(), messageId);
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

  /**
   * Jakarta Mail gives a message a new random Message-ID on every saveChanges() (the sender calls it before the
   * message goes out): this one always writes ours, so the header on the wire is the key's.
   */
  private static final class KeyedMimeMessage extends MimeMessage {

    private final String messageId;

    KeyedMimeMessage(Session session, String messageId) {
      super(session);
      this.messageId = messageId;
    }

    @Override
    protected void updateMessageID() throws MessagingException {
      setHeader("Message-ID", messageId);
    }
  }
}
