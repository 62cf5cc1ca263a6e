package io.escala.payments;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * {@code POST /webhooks/payments/{provider}}: Mercado Pago's and Stripe's notifications. {@link PaymentWebhooks} checks
 * the signature and reads the payment back from the provider; the answer is the outcome's status (200 processed or
 * already seen, 401/400 not believed, 404 payments off or another provider). When a checkout's status moved,
 * {@link PaymentStatusChanged} is published in the same transaction, so a flow's listener that fails makes the whole
 * notification fail (500) and the provider's retry is processed again.
 */
@RestController
class PaymentWebhookController {

  private final PaymentWebhooks webhooks;
  private final ApplicationEventPublisher events;
  private final TransactionTemplate transaction;

  PaymentWebhookController(PaymentWebhooks webhooks, ApplicationEventPublisher events,
      PlatformTransactionManager transactions) {
    this.webhooks = webhooks;
    this.events = events;
    this.transaction = new TransactionTemplate(transactions);
  }

  @PostMapping("/webhooks/payments/{provider}")
  ResponseEntity<Void> receive(@PathVariable String provider, @RequestBody(required = false) byte[] body,
      HttpServletRequest request) {
    Map<String, String> headers = headers(request);
    Map<String, String> query = query(request.getQueryString());
    byte[] raw = body == null ? new byte[0] : body;
    WebhookOutcome outcome = transaction.execute(status -> {
      WebhookOutcome received = webhooks.receive(provider, headers, query, raw);
      if (received instanceof WebhookOutcome.Processed processed && processed.changed()) {
        PaymentCheckouts.Change change = processed.checkout();
        events.publishEvent(new PaymentStatusChanged(processed.payment().provider(), change.externalReference(),
            change.before(), change.after()));
      }
      return received;
    });
    return ResponseEntity.status(outcome.httpStatus()).build();
  }

  private static Map<String, String> headers(HttpServletRequest request) {
    Map<String, String> headers = new LinkedHashMap<>();
    for (String name : Collections.list(request.getHeaderNames())) {
      headers.put(name, request.getHeader(name));
    }
    return headers;
  }

  /**
   * The URL's own parameters only (Mercado Pago signs {@code data.id} from the URL), never a form body's, decoded;
   * the first value of a repeated name.
   */
  static Map<String, String> query(String queryString) {
    Map<String, String> query = new LinkedHashMap<>();
    if (queryString == null || queryString.isEmpty()) {
      return query;
    }
    UriComponentsBuilder.newInstance().query(queryString).build().getQueryParams().forEach((name, values) -> {
      String value = values.isEmpty() || values.get(0) == null ? "" : values.get(0);
      query.putIfAbsent(decode(name), decode(value));
    });
    return query;
  }

  private static String decode(String value) {
    return java.net.URLDecoder.decode(value, java.nio.charset.StandardCharsets.UTF_8);
  }
}
