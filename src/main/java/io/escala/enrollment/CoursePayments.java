package io.escala.enrollment;

import io.escala.payments.Checkout;
import io.escala.payments.CheckoutRequest;
import io.escala.payments.PaymentCheckouts;
import io.escala.payments.PaymentMethods;
import io.escala.payments.PaymentProvider;
import io.escala.payments.PaymentStatus;
import io.escala.payments.PaymentStatusChanged;
import io.escala.payments.StripePayments;
import io.escala.platform.PublicUrl;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Locale;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Card and Pix payments of a reserved seat through the payment port (Mercado Pago by default, Stripe when
 * configured), and what a payment read back from the provider means for the enrollment: approved → the payment is
 * confirmed; refunded or charged back → access ends. The landing pages after the provider's page only show where the
 * payment stands: only the provider's notification, read back, counts a payment.
 */
@Service
public class CoursePayments {

  /** A stored page with less time left than this is not worth sending someone to. */
  static final Duration LAST_USEFUL_MINUTES = Duration.ofMinutes(5);
  /** Stripe takes a Checkout Session's {@code expires_at} between 30 minutes and 24 hours ahead. */
  private static final Duration STRIPE_SHORTEST = Duration.ofMinutes(31);
  private static final Duration STRIPE_LONGEST = Duration.ofHours(24).minusMinutes(1);

  /** {@code course_enrollment.transfer_reference}. */
  static final int MAX_BANK_REFERENCE = 100;
  private static final DateTimeFormatter STAFF_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT);

  private static final Logger log = LoggerFactory.getLogger(CoursePayments.class);

  private final PaymentProvider provider;
  private final PaymentCheckouts checkouts;
  private final Enrollments enrollments;
  private final CourseCatalog catalog;
  private final EnrollmentLinks links;
  private final PublicUrl publicUrl;
  private final JdbcClient jdbc;
  private final Clock clock;
  private final TransactionTemplate savepoint;

  CoursePayments(PaymentProvider provider, PaymentCheckouts checkouts, Enrollments enrollments, CourseCatalog catalog,
      EnrollmentLinks links, PublicUrl publicUrl, JdbcClient jdbc, Clock clock,
      PlatformTransactionManager transactions) {
    this.provider = provider;
    this.checkouts = checkouts;
    this.enrollments = enrollments;
    this.catalog = catalog;
    this.links = links;
    this.publicUrl = publicUrl;
    this.jdbc = jdbc;
    this.clock = clock;
    this.savepoint = new TransactionTemplate(transactions);
    this.savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
  }

  /** What the payer quotes on a bank transfer, and staff look for on the statement: the key's first 8 characters. */
  public static String transferReference(Enrollment enrollment) {
    return enrollment.key().substring(0, Math.min(8, enrollment.key().length())).toUpperCase(Locale.ROOT);
  }

  /**
   * Opens the provider's payment page for a reserved seat paid by card or Pix; a retry with the same key gets the
   * page the first attempt opened, and nothing is sent to the provider again.
   *
   * @throws IllegalStateException the enrollment is not a reserved, unpaid seat of a paid cohort with a card or Pix
   *     payment still due
   * @throws io.escala.payments.PaymentUnavailableException the provider did not answer: retry
   * @throws io.escala.payments.PaymentRefusedException the provider refused (credentials, amount): no retry helps
   * @throws io.escala.payments.PaymentsDisabledException payments are off in this installation
   */
  public Checkout openCheckout(String enrollmentKey, String idempotencyKey) {
    Optional<PaymentCheckouts.StoredCheckout> earlier = checkouts.byIdempotencyKey(idempotencyKey);
    if (earlier.isPresent() && earlier.get().externalReference().equals(enrollmentKey)) {
      // a retry after the page was opened: the same page, whatever happened to the seat since
      return new Checkout(earlier.get().provider(), earlier.get().checkoutId(), earlier.get().redirectUrl(), true);
    }
    Enrollment enrollment = enrollments.require(enrollmentKey);
    Cohort cohort = catalog.cohort(enrollment.cohortId()).orElseThrow();
    Course course = catalog.course(cohort.courseId()).orElseThrow();
    if (!awaitsOnlinePayment(enrollment) || cohort.isFree()) {
      throw new IllegalStateException("Enrollment " + enrollmentKey + " (" + enrollment.status() + ", "
          + enrollment.paymentMethod() + ") has no card or Pix payment to make");
    }
    Instant expiresAt = expiry(enrollment.paymentDueAt());
    CheckoutRequest request = new CheckoutRequest(
        idempotencyKey,
        enrollment.email(),
        enrollment.name(),
        itemTitle(course, cohort, enrollment.language()),
        cohort.price(),
        URI.create(landing(enrollment, "success")),
        URI.create(landing(enrollment, "failure")),
        URI.create(landing(enrollment, "pending")),
        URI.create(publicUrl.to("/webhooks/payments/" + provider.name())),
        enrollment.key(),
        enrollment.paymentMethod() == PaymentMethod.PIX ? PaymentMethods.PIX_FIRST : PaymentMethods.ANY,
        expiresAt);
    Checkout checkout = provider.createCheckout(request);
    record(enrollment.key(), idempotencyKey, checkout.provider(), expiresAt);
    return checkout;
  }

  /** A reserved seat, not paid yet, to be paid by card or Pix before its due time. */
  public boolean awaitsOnlinePayment(Enrollment enrollment) {
    return enrollment.status() == Enrollment.Status.RESERVED && enrollment.paidAt() == null
        && (enrollment.paymentMethod() == PaymentMethod.CARD || enrollment.paymentMethod() == PaymentMethod.PIX)
        && enrollment.paymentDueAt() != null && clock.instant().isBefore(enrollment.paymentDueAt());
  }

  /**
   * Where the pay link sends the payer: the newest page opened for the enrollment while it still takes payments,
   * else a fresh one. Two clicks at once compute the same key and get the same page.
   */
  public Checkout payPage(Enrollment enrollment) {
    Optional<StoredPage> latest = jdbc.sql("SELECT idempotency_key, expires_at FROM course_checkout"
            + " WHERE enrollment_key = ? AND provider = ? ORDER BY id DESC")
        .params(enrollment.key(), provider.name())
        .query((rs, row) -> new StoredPage(rs.getString(1), CourseCatalog.instant(rs, "expires_at")))
        .stream().findFirst();
    if (latest.isPresent() && latest.get().expiresAt().isAfter(clock.instant().plus(LAST_USEFUL_MINUTES))) {
      Optional<PaymentCheckouts.StoredCheckout> stored = checkouts.byIdempotencyKey(latest.get().idempotencyKey());
      if (stored.isPresent() && stored.get().status() != PaymentStatus.EXPIRED
          && stored.get().status() != PaymentStatus.CANCELLED) {
        return new Checkout(stored.get().provider(), stored.get().checkoutId(), stored.get().redirectUrl(), true);
      }
    }
    long opened = jdbc.sql("SELECT COUNT(*) FROM course_checkout WHERE enrollment_key = ?").param(enrollment.key())
        .query(Long.class).single();
    return openCheckout(enrollment.key(), "course-pay:" + enrollment.key() + ":" + (opened + 1));
  }

  private record StoredPage(String idempotencyKey, Instant expiresAt) {}

  /**
   * A checkout's status moved, read back from the provider: a payment of an enrollment counts, or its reversal ends
   * access. Runs in the transaction that records the notification, so a failure here makes the provider retry.
   */
  @EventListener
  public void paymentStatusChanged(PaymentStatusChanged event) {
    Optional<Enrollment> enrollment = event.externalReference() == null ? Optional.empty()
        : enrollments.find(event.externalReference());
    if (enrollment.isEmpty()) {
      return; // another flow's checkout
    }
    String key = enrollment.get().key();
    switch (event.after()) {
      case APPROVED -> {
        boolean counted = enrollments.paymentConfirmed(key, null);
        log.info("{} payment of enrollment {} approved{}", event.provider(), key,
            counted ? "" : " (already counted)");
      }
      case REFUNDED, CHARGED_BACK -> {
        boolean ended = enrollments.endAccess(key, event.after().name());
        log.info("{} payment of enrollment {} {}{}", event.provider(), key, event.after(),
            ended ? ": access ended" : " (access had already ended)");
      }
      default -> {
        // pending, rejected, cancelled or expired: the seat waits for a payment until the case releases it
      }
    }
  }

  /**
   * What the "Confirm transfer" form shows staff: who, which course and cohort, how much, and the reference to look
   * for on the bank statement. Language-neutral where it can be (dates as {@code 2026-03-15 19:00}), the amount as the
   * payer's region writes it with the ISO code after it, so no one confuses pesos and dollars.
   */
  public TransferDetails transferDetails(String enrollmentKey) {
    Enrollment enrollment = enrollments.require(enrollmentKey);
    Cohort cohort = catalog.cohort(enrollment.cohortId()).orElseThrow();
    Course course = catalog.course(cohort.courseId()).orElseThrow();
    if (cohort.isFree()) {
      throw new IllegalStateException("Cohort " + cohort.code() + " is free: enrollment " + enrollmentKey
          + " has no transfer to confirm");
    }
    return new TransferDetails(
        enrollment.name(),
        course.title(),
        STAFF_TIME.format(cohort.startsAt().atZone(cohort.timeZone())) + " (" + cohort.timeZone().getId() + ")",
        cohort.price().formatAtHome() + " (" + cohort.price().currencyCode() + ")",
        transferReference(enrollment));
  }

  /** The read-only fields of the {@code course-confirm-transfer-*} forms. */
  public record TransferDetails(String learnerName, String courseTitle, String cohortStart, String amount,
      String reference) {

    /** The task's name in Tasklist: who and how much ("Joana Conceição · R$ 297,90 (BRL)"). */
    public String label() {
      return learnerName + " · " + amount;
    }
  }

  /**
   * Staff's answer in the "Confirm transfer" task.
   *
   * @param bankReference the reference on the bank statement; kept with the enrollment
   * @return whether the transfer counts (the case goes on to enroll; otherwise it releases the seat)
   */
  public boolean confirmTransfer(String enrollmentKey, boolean received, String bankReference) {
    if (!received) {
      log.info("Transfer for enrollment {} not received", enrollmentKey);
      return false;
    }
    String reference = bankReference == null || bankReference.isBlank() ? null : bankReference.strip();
    if (reference == null) {
      // the form asks for it; a completion through the REST API may leave it out, and the money arrived anyway
      log.warn("Transfer for enrollment {} confirmed without the bank's reference", enrollmentKey);
    } else if (reference.length() > MAX_BANK_REFERENCE) {
      reference = reference.substring(0, MAX_BANK_REFERENCE);
    }
    enrollments.paymentConfirmed(enrollmentKey, reference);
    return true;
  }

  /** The page the provider sends the payer back to; it shows the enrollment's state, it changes nothing. */
  String landing(Enrollment enrollment, String outcome) {
    return publicUrl.to("/courses/paid/" + links.statusToken(enrollment), "outcome", outcome);
  }

  /** "Course title · 15 Mar 2026", in the learner's language and the cohort's time zone. */
  static String itemTitle(Course course, Cohort cohort, Locale language) {
    String start = DateTimeFormatter.ofLocalizedDate(FormatStyle.MEDIUM).withLocale(language)
        .format(cohort.startsAt().atZone(cohort.timeZone()));
    String title = course.title() + " · " + start;
    return title.length() <= 256 ? title : course.title().substring(0, 256 - start.length() - 4) + "… · " + start;
  }

  /**
   * The page stops taking payments when payment is due. Stripe keeps a session open 30 minutes to 24 hours: a longer
   * time to pay gets a fresh page from the pay link after a day, and a shorter one left keeps the page open up to 30
   * minutes past due (a payment arriving after the seat was released is logged for customer success by
   * {@link Enrollments#paymentConfirmed}).
   */
  private Instant expiry(Instant due) {
    if (!StripePayments.NAME.equals(provider.name())) {
      return due;
    }
    Instant now = clock.instant();
    Instant latest = now.plus(STRIPE_LONGEST);
    Instant earliest = now.plus(STRIPE_SHORTEST);
    return due.isAfter(latest) ? latest : due.isBefore(earliest) ? earliest : due;
  }

  private void record(String enrollmentKey, String idempotencyKey, String providerName, Instant expiresAt) {
    boolean known = jdbc.sql("SELECT COUNT(*) FROM course_checkout WHERE idempotency_key = ?").param(idempotencyKey)
        .query(Long.class).single() > 0;
    if (known) {
      return;
    }
    try {
      savepoint.executeWithoutResult(status -> jdbc.sql("INSERT INTO course_checkout (enrollment_key,"
              + " idempotency_key, provider, expires_at, created_at) VALUES (?, ?, ?, ?, ?)")
          .params(enrollmentKey, idempotencyKey, providerName, CourseCatalog.utc(expiresAt),
              CourseCatalog.utc(clock.instant()))
          .update());
    } catch (DuplicateKeyException concurrentAttempt) {
      // the same page, recorded by the other attempt
    }
  }
}
