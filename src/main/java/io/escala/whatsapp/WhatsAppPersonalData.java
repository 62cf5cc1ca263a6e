package io.escala.whatsapp;

import io.escala.platform.PersonalDataHolder;
import java.util.Locale;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The WhatsApp messages Escala kept about a person. Erasure goes by e-mail, so it finds the messages whose sender
 * passed the owner's address ({@link TemplateMessage#recipientEmail()}); a flow that knows only the number erases by
 * number with {@link #erasePhone}. Present whether WhatsApp is on or not: rows outlive switching it off.
 */
@Component
public class WhatsAppPersonalData implements PersonalDataHolder {

  private final JdbcClient jdbc;

  WhatsAppPersonalData(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  @Override
  public void erase(String normalizedEmail) {
    jdbc.sql("DELETE FROM whatsapp_message WHERE recipient_email = :email")
        .param("email", normalizedEmail == null ? "" : normalizedEmail.strip().toLowerCase(Locale.ROOT))
        .update();
  }

  /** Deletes every message to this E.164 number; runs in the caller's transaction. */
  public int erasePhone(String phoneE164) {
    return jdbc.sql("DELETE FROM whatsapp_message WHERE to_phone = :phone")
        .param("phone", phoneE164 == null ? "" : phoneE164.strip())
        .update();
  }
}
