package io.escala.enrollment;

import static org.assertj.core.api.Assertions.assertThat;

import io.escala.payments.PaymentsProperties;
import io.escala.payments.PaymentsProperties.Provider;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Which ways to pay the enrollment page offers follows the payment settings, however the provider is spelled. */
class EnrollmentPaymentMethodsTest {

  @Test
  void withoutAProviderOnlyATransferIsTaken() {
    Enrollments enrollments = enrollments(false, Provider.MERCADOPAGO);
    assertThat(enrollments.takesOnlinePayments()).isFalse();
    assertThat(enrollments.takesPix()).isFalse();
  }

  @Test
  void mercadoPagoTakesCardAndPix() {
    Enrollments enrollments = enrollments(true, Provider.MERCADOPAGO);
    assertThat(enrollments.takesOnlinePayments()).isTrue();
    assertThat(enrollments.takesPix()).isTrue();
  }

  @Test
  void stripeTakesCardButNoPix() {
    Enrollments enrollments = enrollments(true, Provider.STRIPE);
    assertThat(enrollments.takesOnlinePayments()).isTrue();
    assertThat(enrollments.takesPix()).isFalse();
  }

  private static Enrollments enrollments(boolean enabled, Provider provider) {
    PaymentsProperties payments = new PaymentsProperties(enabled, provider,
        new PaymentsProperties.MercadoPago(URI.create("https://api.mercadopago.com"), null, null),
        new PaymentsProperties.Stripe(URI.create("https://api.stripe.com"), null, null),
        Duration.ofSeconds(10), Duration.ofMinutes(5));
    return new Enrollments(null, null, null, null, null, null, null, payments);
  }
}
