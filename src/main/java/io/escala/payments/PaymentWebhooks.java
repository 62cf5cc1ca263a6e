package io.escala.payments;

import java.time.Clock;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Everything a payment webhook endpoint does, so its controller stays thin: check the signature, skip a notification
 * already processed, read the payment back from the provider (a notification's body is never believed), record the
 * notification and move the checkout's status forward.
 *
 * <p>Call {@link #receive} inside the transaction that acts on the outcome (e.g. the one that correlates the BPMN
 * message): if that fails, the notification's record rolls back with it and the provider's retry is processed again.
 * Without a surrounding transaction it commits on its own.
 */
public class PaymentWebhooks {

  private static final Logger log = LoggerFactory.getLogger(PaymentWebhooks.class);

  private final PaymentProvider provider;
  private final PaymentCheckouts checkouts;
  private final JdbcClient jdbc;
  private final Clock clock;
  private final TransactionTemplate transaction;
  private final TransactionTemplate savepoint;

  public PaymentWebhooks(
      PaymentProvider provider, PaymentCheckouts checkouts, JdbcClient jdbc,
      PlatformTransactionManager transactions, Clock clock) {
    this.provider = provider;
    this.checkouts = checkouts;
    this.jdbc = jdbc;
    this.clock = clock;
    this.transaction = new TransactionTemplate(transactions);
    // a duplicate insert must not abort the caller's transaction (PostgreSQL would refuse every later statement)
    this.savepoint = new TransactionTemplate(transactions);
    this.savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
  }

  /**
   * @param providerName the provider the endpoint is for ({@code mercadopago} or {@code stripe}); a notification
   *     for another provider than the configured one is refused
   * @param headers the request's headers (any case)
   * @param query the request's query parameters
   * @param body the raw body, as received
   */
  public WebhookOutcome receive(
      String providerName, Map<String, String> headers, Map<String, String> query, byte[] body) {
    if (!provider.enabled() || providerName == null
        || !provider.name().equals(providerName.toLowerCase(Locale.ROOT))) {
      return new WebhookOutcome.Refused(Notification.Reason.NOT_CONFIGURED, "payments through " + providerName
          + " are not configured");
    }
    Notification notification = provider.verify(headers, query, body);
    if (notification instanceof Notification.Refused refused) {
      log.warn("{} notification refused: {} ({})", providerName, refused.reason(), refused.detail());
      return new WebhookOutcome.Refused(refused.reason(), refused.detail());
    }
    if (notification instanceof Notification.Ignored ignored) {
      return new WebhookOutcome.Ignored(ignored.provider(), ignored.type());
    }
    return process((Notification.Verified) notification);
  }

  private WebhookOutcome process(Notification.Verified notification) {
    if (seen(notification)) {
      return new WebhookOutcome.Duplicate(notification.provider(), notification.eventId());
    }
    PaymentState payment;
    try {
      payment = provider.fetch(notification.resourceId());
    } catch (PaymentRefusedException unknown) {
      // signed by the provider, yet the provider will not show it (not an Escala checkout, another account's test)
      log.warn("{} notification {} is about {}, which the provider does not show: {}", notification.provider(),
          notification.eventId(), notification.resourceId(), unknown.getMessage());
      return new WebhookOutcome.Ignored(notification.provider(), unknown.getMessage());
    }
    return transaction.execute(status -> {
      if (!record(notification, payment)) {
        return new WebhookOutcome.Duplicate(notification.provider(), notification.eventId());
      }
      Optional<PaymentCheckouts.Change> change = checkouts.apply(payment);
      log.info("{} notification {} ({}): payment {} of {} is {}{}", notification.provider(), notification.eventId(),
          notification.type(), payment.paymentId(), payment.externalReference(), payment.status(),
          change.map(c -> c.changed() ? ", checkout " + c.before() + " → " + c.after() : ", checkout unchanged")
              .orElse(", no Escala checkout"));
      return new WebhookOutcome.Processed(payment, change.orElse(null));
    });
  }

  private boolean seen(Notification.Verified notification) {
    return jdbc.sql("SELECT COUNT(*) FROM payment_notification WHERE provider = :provider AND event_id = :eventId")
        .param("provider", notification.provider())
        .param("eventId", notification.eventId())
        .query(Long.class).single() > 0;
  }

  /** @return false when a concurrent delivery of the same notification recorded it first */
  private boolean record(Notification.Verified notification, PaymentState payment) {
    try {
      savepoint.executeWithoutResult(status -> jdbc.sql("""
              INSERT INTO payment_notification (provider, event_id, resource_id, status, received_at)
              VALUES (:provider, :eventId, :resourceId, :status, :now)
              """)
          .param("provider", notification.provider())
          .param("eventId", notification.eventId())
          .param("resourceId", notification.resourceId())
          .param("status", payment.status().name())
          .param("now", clock.instant().atOffset(ZoneOffset.UTC))
          .update());
      return true;
    } catch (DuplicateKeyException concurrentDelivery) {
      return false;
    }
  }
}
