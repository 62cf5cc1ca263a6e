package io.escala.mail;

import jakarta.activation.DataHandler;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.ByteArrayDataSource;
import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.Map;
import org.springframework.mail.javamail.JavaMailSender;

/**
 * Hands one rendered e-mail to the SMTP server as multipart/alternative (plain text, then HTML), all UTF-8.
 *
 * <p>An e-mail with an invite ({@link CalendarPart}) takes the layout Google Calendar itself sends, which Gmail,
 * Outlook and Thunderbird all show as an invitation with answer buttons:
 *
 * <pre>
 * multipart/mixed
 *   multipart/alternative
 *     text/plain
 *     text/html
 *     text/calendar; method=REQUEST; charset=UTF-8   (Outlook and Thunderbird read the method from this header)
 *   application/ics; name="invite.ics" (attachment)   (for clients that only offer attachments, to import)
 * </pre>
 *
 * Both calendar parts are base64, so the CRLF line ends and folding of the ics reach the client unchanged.
 */
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
    deliver(to, mail, headers, messageId, null);
  }

  /** @param calendar the invite to carry, or null */
  void deliver(
      InternetAddress to, RenderedEmail mail, Map<String, String> headers, String messageId, CalendarPart calendar)
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
    if (calendar == null) {
      message.setContent(alternatives);
    } else {
      alternatives.addBodyPart(calendarPart(calendar.ics(),
          "text/calendar; method=" + calendar.method() + "; charset=UTF-8"));
      MimeBodyPart body = new MimeBodyPart();
      body.setContent(alternatives);
      MimeBodyPart attachment = calendarPart(calendar.ics(), "application/ics; name=\"invite.ics\"");
      attachment.setDisposition(Part.ATTACHMENT);
      attachment.setFileName("invite.ics");
      MimeMultipart mixed = new MimeMultipart("mixed");
      mixed.addBodyPart(body);
      mixed.addBodyPart(attachment);
      message.setContent(mixed);
    }
    mailSender.send(message);
  }

  private static MimeBodyPart calendarPart(String ics, String contentType) throws MessagingException {
    MimeBodyPart part = new MimeBodyPart();
    part.setDataHandler(new DataHandler(new ByteArrayDataSource(ics.getBytes(StandardCharsets.UTF_8), contentType)));
    part.setHeader("Content-Transfer-Encoding", "base64");
    return part;
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
