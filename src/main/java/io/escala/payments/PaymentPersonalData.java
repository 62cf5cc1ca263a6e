package io.escala.payments;

import io.escala.platform.PersonalDataHolder;
import java.util.Locale;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The checkouts Escala opened for a payer, found by the payer's e-mail. Notifications keep no personal data. The
 * provider keeps its own record of the payment, which its Dashboard erases. Present whether payments are on or not.
 */
@Component
class PaymentPersonalData implements PersonalDataHolder {

  private final JdbcClient jdbc;

  PaymentPersonalData(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  @Override
  public void erase(String normalizedEmail) {
    jdbc.sql("DELETE FROM payment_checkout WHERE payer_email = :email")
        .param("email", normalizedEmail == null ? "" : normalizedEmail.strip().toLowerCase(Locale.ROOT))
        .update();
  }
}
