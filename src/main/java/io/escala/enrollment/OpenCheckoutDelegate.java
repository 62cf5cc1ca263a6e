package io.escala.enrollment;

import io.escala.payments.Checkout;
import io.escala.payments.PaymentRefusedException;
import io.escala.payments.PaymentsDisabledException;
import io.escala.platform.IdempotencyKeys;
import io.escala.platform.NonRetryableException;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * "Open the payment page": the provider's checkout for a seat paid by card or Pix, opened once however often the job
 * is retried; the pay link in the payment e-mail sends the payer to it. A provider that does not answer is retried; one
 * that refuses (credentials, amount), or payments switched off, is an incident at once. A seat that was paid or
 * released meanwhile needs no page.
 */
@Component("openCourseCheckout")
class OpenCheckoutDelegate implements JavaDelegate {

  private static final Logger log = LoggerFactory.getLogger(OpenCheckoutDelegate.class);

  private final CoursePayments payments;
  private final Enrollments enrollments;

  OpenCheckoutDelegate(CoursePayments payments, Enrollments enrollments) {
    this.payments = payments;
    this.enrollments = enrollments;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String enrollmentKey = (String) execution.getVariable("enrollmentKey");
    Enrollment enrollment = enrollments.require(enrollmentKey);
    String idempotencyKey = IdempotencyKeys.perIteration(execution, enrollmentKey);
    if (!payments.awaitsOnlinePayment(enrollment)) {
      log.info("Enrollment {} ({}, paid {}) needs no payment page", enrollmentKey, enrollment.status(),
          enrollment.paidAt() != null);
      return;
    }
    try {
      Checkout checkout = payments.openCheckout(enrollmentKey, idempotencyKey);
      log.info("Payment page {} for enrollment {}{}", checkout.checkoutId(), enrollmentKey,
          checkout.reused() ? " (opened before)" : "");
    } catch (PaymentRefusedException | PaymentsDisabledException refused) {
      throw new NonRetryableException("The payment page for enrollment " + enrollmentKey + " cannot be opened: "
          + refused.getMessage(), refused);
    }
  }
}
