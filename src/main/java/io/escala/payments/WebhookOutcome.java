package io.escala.payments;

/** What became of one webhook call, and what to answer the provider. */
public sealed interface WebhookOutcome {

  /** The HTTP status to answer: 2xx stops the provider's retries, 4xx tells it (and a forger) no. */
  int httpStatus();

  /**
   * A verified notification; the payment was read back from the provider and applied to its checkout.
   *
   * @param payment the payment as the provider reports it now
   * @param checkout the checkout's status before and after, or null when the payment belongs to no checkout Escala
   *     knows (opened elsewhere, or erased)
   */
  record Processed(PaymentState payment, PaymentCheckouts.Change checkout) implements WebhookOutcome {

    /** Whether the flow has news: the checkout's status moved. */
    public boolean changed() {
      return checkout != null && checkout.changed();
    }

    @Override
    public int httpStatus() {
      return 200;
    }
  }

  /** Processed before (a replay, or the provider's retry after a lost answer): nothing done now. */
  record Duplicate(String provider, String eventId) implements WebhookOutcome {
    @Override
    public int httpStatus() {
      return 200;
    }
  }

  /** Genuine, but about nothing Escala follows, or about a payment the provider does not know. */
  record Ignored(String provider, String detail) implements WebhookOutcome {
    @Override
    public int httpStatus() {
      return 200;
    }
  }

  /** Not believed: nothing read, nothing recorded. */
  record Refused(Notification.Reason reason, String detail) implements WebhookOutcome {
    @Override
    public int httpStatus() {
      return switch (reason) {
        case MALFORMED -> 400;
        case NOT_CONFIGURED -> 404;
        default -> 401;
      };
    }
  }
}
