package io.escala.payments;

import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The {@link PaymentProvider} other code gets: the configured adapter, with every checkout recorded in
 * {@code payment_checkout} under its idempotency key, so a retried step sends the payer to the page its first attempt
 * opened. The provider gets the same key too (a digest of it), which covers an attempt that stopped between the
 * provider's answer and the record.
 */
class RecordedPayments implements PaymentProvider {

  private static final Logger log = LoggerFactory.getLogger(RecordedPayments.class);

  private final PaymentProvider adapter;
  private final PaymentCheckouts checkouts;
  private final TransactionTemplate ownTransaction;

  RecordedPayments(PaymentProvider adapter, PaymentCheckouts checkouts, PlatformTransactionManager transactions) {
    this.adapter = adapter;
    this.checkouts = checkouts;
    // the page exists at the provider once it answered, whatever becomes of the job's transaction afterwards
    this.ownTransaction = new TransactionTemplate(transactions);
    this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
  }

  @Override
  public String name() {
    return adapter.name();
  }

  @Override
  public Checkout createCheckout(CheckoutRequest request) {
    var recorded = checkouts.byIdempotencyKey(request.idempotencyKey());
    if (recorded.isPresent()) {
      return sameRequest(recorded.get(), request).reused();
    }
    Checkout checkout = adapter.createCheckout(request);
    try {
      ownTransaction.executeWithoutResult(status -> checkouts.insert(request, checkout));
    } catch (DuplicateKeyException concurrentAttempt) {
      // another attempt with the same key recorded its checkout first: the provider gave both the same one
      return sameRequest(checkouts.byIdempotencyKey(request.idempotencyKey()).orElseThrow(), request).reused();
    }
    log.info("{} checkout {} opened for {} ({})", checkout.provider(), checkout.checkoutId(),
        request.externalReference(), request.price());
    return checkout;
  }

  /** A key names one purchase: the same key for another one is a bug in the caller, not a retry. */
  private static PaymentCheckouts.StoredCheckout sameRequest(
      PaymentCheckouts.StoredCheckout recorded, CheckoutRequest request) {
    if (!recorded.externalReference().equals(request.externalReference())
        || !recorded.price().equals(request.price())) {
      throw new PaymentRefusedException(0, "Idempotency key of checkout " + recorded.checkoutId() + " (for "
          + recorded.externalReference() + ", " + recorded.price() + ") used again for " + request.externalReference()
          + ", " + request.price());
    }
    return recorded;
  }

  @Override
  public PaymentState fetch(String providerPaymentOrSessionId) {
    return adapter.fetch(providerPaymentOrSessionId);
  }

  @Override
  public Notification verify(Map<String, String> headers, Map<String, String> query, byte[] body) {
    return adapter.verify(headers, query, body);
  }
}
