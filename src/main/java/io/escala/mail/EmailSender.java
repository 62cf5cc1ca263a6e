package io.escala.mail;

/** The mail port: renders a template in the recipient's language and delivers it at most once per key. */
public interface EmailSender {

  EmailReceipt send(EmailRequest request);
}
