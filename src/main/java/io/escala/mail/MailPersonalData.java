package io.escala.mail;

import io.escala.platform.PersonalDataHolder;
import org.springframework.stereotype.Component;

/** Every e-mail Escala kept for the person (outbox and delivery records). */
@Component
class MailPersonalData implements PersonalDataHolder {

  private final MailOutbox outbox;

  MailPersonalData(MailOutbox outbox) {
    this.outbox = outbox;
  }

  @Override
  public void erase(String normalizedEmail) {
    outbox.eraseRecipient(normalizedEmail);
  }
}
