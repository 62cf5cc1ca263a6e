package io.escala.payments;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PaymentWebhookControllerTest {

  @Test
  void readsTheUrlsOwnParametersDecodedFirstValueFirst() {
    assertThat(PaymentWebhookController.query("data.id=1316783547&type=payment&data.id=999"))
        .containsExactly(java.util.Map.entry("data.id", "1316783547"), java.util.Map.entry("type", "payment"));
    assertThat(PaymentWebhookController.query("topic=merchant%5Forder&id=A%2DB+c"))
        .containsEntry("topic", "merchant_order").containsEntry("id", "A-B c");
    assertThat(PaymentWebhookController.query("flag")).containsEntry("flag", "");
    assertThat(PaymentWebhookController.query(null)).isEmpty();
    assertThat(PaymentWebhookController.query("")).isEmpty();
  }
}
