package io.escala.enrollment;

import io.escala.enrollment.Enrollment.Status;
import io.escala.payments.PaymentsProperties;
import io.escala.platform.CaseMessages;
import java.security.SecureRandom;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.camunda.bpm.engine.RuntimeService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Seats, waitlists and the state of each enrollment. The database decides who gets a seat: taking one is a single
 * {@code UPDATE ... WHERE seats_taken < capacity} on the cohort row (which also serializes the rush on that row), and
 * the {@code cohort_seats} check makes an overbooking impossible whatever a caller does. A freed seat is offered to
 * the next person on the waitlist in the same transaction that frees it, so a newcomer never takes it first.
 *
 * <p>The case is started in the transaction that creates the row, and every state change that a waiting case must
 * hear of is announced with {@link CaseMessages} in the transaction that makes it.
 */
@Service
public class Enrollments {

  public static final String PROCESS_KEY = "course-enrollment";
  public static final String SEAT_OFFERED = "CourseSeatOffered";
  public static final String OFFER_ACCEPTED = "CourseOfferAccepted";
  public static final String PAYMENT_CONFIRMED = "CoursePaymentConfirmed";
  public static final String ACCESS_REVOKED = "CourseAccessRevoked";
  public static final String PROGRESS_RECORDED = "CourseProgressRecorded";

  /** Milestone e-mails go out when progress first reaches these percentages. */
  static final int[] MILESTONES = {25, 50, 75};

  private static final Logger log = LoggerFactory.getLogger(Enrollments.class);
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final String SELECT = "SELECT id, enrollment_key, business_key, cohort_id, email, name, language,"
      + " country, time_zone, status, holds_seat, offer_expires_at, payment_method, payment_due_at, paid_at,"
      + " transfer_reference, enrolled_at, lms_user_id, progress_percent, progress_at, milestone_sent, attended_at,"
      + " completed_at, certificate_code, ended_reason, created_at FROM course_enrollment";

  private final JdbcClient jdbc;
  private final CourseCatalog catalog;
  private final RuntimeService runtime;
  private final CaseMessages caseMessages;
  private final EnrollmentProperties properties;
  private final Clock clock;
  private final TransactionTemplate savepoint;
  private final boolean onlinePayments;
  private final boolean pix;

  @Autowired
  Enrollments(JdbcClient jdbc, CourseCatalog catalog, RuntimeService runtime, CaseMessages caseMessages,
      EnrollmentProperties properties, Clock clock, PlatformTransactionManager transactions,
      PaymentsProperties payments) {
    this(jdbc, catalog, runtime, caseMessages, properties, clock, transactions, payments.enabled(),
        payments.enabled() && payments.provider() == PaymentsProperties.Provider.MERCADOPAGO);
  }

  /**
   * @param onlinePayments card payments are taken (a payment provider is configured)
   * @param pix Pix is taken (Mercado Pago is the provider)
   */
  Enrollments(JdbcClient jdbc, CourseCatalog catalog, RuntimeService runtime, CaseMessages caseMessages,
      EnrollmentProperties properties, Clock clock, PlatformTransactionManager transactions, boolean onlinePayments,
      boolean pix) {
    this.onlinePayments = onlinePayments;
    this.pix = pix;
    this.jdbc = jdbc;
    this.catalog = catalog;
    this.runtime = runtime;
    this.caseMessages = caseMessages;
    this.properties = properties;
    this.clock = clock;
    this.savepoint = new TransactionTemplate(transactions);
    this.savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
  }

  /**
   * What a visitor asked for on the enrollment page, already checked for form (e-mail shape, name length).
   *
   * @param method null for a free cohort
   */
  public record EnrollmentRequest(String cohortCode, String email, String name, Locale language, String country,
      ZoneId timeZone, PaymentMethod method) {}

  public sealed interface EnrollOutcome {}

  /**
   * The person has a case: a reserved seat ({@link Status#RESERVED}) or a place on the waitlist.
   *
   * @param again they had enrolled before; this is the same enrollment and no second case was started
   */
  public record Accepted(Enrollment enrollment, boolean again) implements EnrollOutcome {}

  public record Refused(Refusal reason) implements EnrollOutcome {}

  public enum Refusal {
    NO_SUCH_COHORT,
    /** Closed on the staff page, unpublished, or already started. */
    CLOSED,
    /** A paid cohort needs a payment method. */
    METHOD_NEEDED,
    /** Pix takes Brazilian reais only. */
    PIX_NEEDS_BRL,
    /**
     * Card and Pix need a payment provider ({@code escala.payments.enabled}), Pix Mercado Pago; without one only a
     * transfer is taken.
     */
    METHOD_NOT_OFFERED
  }

  @Transactional
  public EnrollOutcome enroll(EnrollmentRequest request) {
    Optional<Cohort> found = catalog.cohort(request.cohortCode());
    if (found.isEmpty()) {
      return new Refused(Refusal.NO_SUCH_COHORT);
    }
    Cohort cohort = found.get();
    String email = normalizeEmail(request.email());
    String businessKey = businessKey(cohort.code(), email);
    Optional<Enrollment> earlier = byBusinessKey(businessKey);
    if (earlier.isPresent()) {
      return new Accepted(earlier.get(), true);
    }
    boolean published = catalog.course(cohort.courseId()).map(Course::published).orElse(false);
    if (!published || !cohort.takesEnrollments(clock.instant())) {
      return new Refused(Refusal.CLOSED);
    }
    PaymentMethod method = cohort.isFree() ? null : request.method();
    if (!cohort.isFree() && method == null) {
      return new Refused(Refusal.METHOD_NEEDED);
    }
    if (method == PaymentMethod.PIX && !"BRL".equals(cohort.price().currencyCode())) {
      return new Refused(Refusal.PIX_NEEDS_BRL);
    }
    if (method == PaymentMethod.CARD && !onlinePayments || method == PaymentMethod.PIX && !pix) {
      return new Refused(Refusal.METHOD_NOT_OFFERED);
    }
    Optional<Enrollment> created = savepoint.execute(status -> {
      try {
        return Optional.of(create(cohort, businessKey, email, request, method));
      } catch (DuplicateKeyException sameTimeSamePerson) {
        status.setRollbackOnly();
        return Optional.empty();
      }
    });
    return created.<EnrollOutcome>map(enrollment -> new Accepted(enrollment, false))
        .orElseGet(() -> new Accepted(byBusinessKey(businessKey).orElseThrow(), true));
  }

  private Enrollment create(Cohort cohort, String businessKey, String email, EnrollmentRequest request,
      PaymentMethod method) {
    Instant now = clock.instant();
    String key = newKey();
    jdbc.sql("INSERT INTO course_enrollment (enrollment_key, business_key, cohort_id, email, name, language, country,"
            + " time_zone, status, payment_method, created_at, updated_at)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'WAITLISTED', ?, ?, ?)")
        .params(key, businessKey, cohort.id(), email, request.name().strip(), request.language().toLanguageTag(),
            request.country(), request.timeZone().getId(), method == null ? null : method.name(),
            CourseCatalog.utc(now), CourseCatalog.utc(now))
        .update();
    runtime.startProcessInstanceByKey(PROCESS_KEY, businessKey, Map.of("enrollmentKey", key));
    // Last, so that the cohort row is locked only for the rest of this short transaction.
    if (takeSeat(cohort.id())) {
      jdbc.sql("UPDATE course_enrollment SET status = 'RESERVED', holds_seat = TRUE, payment_due_at = ?"
              + " WHERE enrollment_key = ?")
          .params(CourseCatalog.utc(method == null ? null : paymentDue(cohort, method, now)), key).update();
    }
    Enrollment enrollment = find(key).orElseThrow();
    log.info("Enrollment {} in cohort {}: {}", key, cohort.code(), enrollment.status());
    return enrollment;
  }

  private Instant paymentDue(Cohort cohort, PaymentMethod method, Instant now) {
    Instant due = now.plus(method == PaymentMethod.TRANSFER ? properties.transferTime() : properties.paymentTime());
    return due.isAfter(cohort.startsAt()) ? cohort.startsAt() : due;
  }

  private boolean takeSeat(long cohortId) {
    return jdbc.sql("UPDATE course_cohort SET seats_taken = seats_taken + 1 WHERE id = ? AND seats_taken < capacity")
        .param(cohortId).update() == 1;
  }

  /** Card and Pix are offered only with a payment provider; a bank transfer always is. */
  public boolean takesOnlinePayments() {
    return onlinePayments;
  }

  /** Pix goes through Mercado Pago: offered only when it is the payment provider. */
  public boolean takesPix() {
    return pix;
  }

  public Optional<Enrollment> find(String enrollmentKey) {
    return jdbc.sql(SELECT + " WHERE enrollment_key = ?").param(enrollmentKey).query(Enrollments::enrollment)
        .optional();
  }

  public Enrollment require(String enrollmentKey) {
    return find(enrollmentKey).orElseThrow(() -> new IllegalStateException("No enrollment " + enrollmentKey));
  }

  public Optional<Enrollment> byBusinessKey(String businessKey) {
    return jdbc.sql(SELECT + " WHERE business_key = ?").param(businessKey).query(Enrollments::enrollment)
        .optional();
  }

  /** Everyone in a cohort, waitlist in arrival order after those with a seat. */
  public List<Enrollment> ofCohort(long cohortId) {
    return jdbc.sql(SELECT + " WHERE cohort_id = ? ORDER BY CASE WHEN status = 'WAITLISTED' THEN 1 ELSE 0 END, id")
        .param(cohortId).query(Enrollments::enrollment).list();
  }

  /** Every enrollment of one person (normalized e-mail), newest first. */
  public List<Enrollment> ofEmail(String email) {
    return jdbc.sql(SELECT + " WHERE email = ? ORDER BY id DESC").param(normalizeEmail(email))
        .query(Enrollments::enrollment).list();
  }

  /** 1 for the next person to be offered a seat; 0 when not on the waitlist. */
  public int waitlistPosition(Enrollment enrollment) {
    if (enrollment.status() != Status.WAITLISTED) {
      return 0;
    }
    return jdbc.sql("SELECT COUNT(*) FROM course_enrollment WHERE cohort_id = ? AND status = 'WAITLISTED' AND id <= ?")
        .params(enrollment.cohortId(), enrollment.id()).query(Integer.class).single();
  }

  /**
   * Gives free seats to the waitlist, first come first served: after a seat was freed, or staff raised the capacity.
   * Each offered person's case hears {@link #SEAT_OFFERED}. Nothing is offered once the cohort has started.
   *
   * @return how many were offered a seat
   */
  @Transactional
  public int offerFreeSeats(long cohortId) {
    Cohort cohort = catalog.cohort(cohortId).orElseThrow();
    Instant now = clock.instant();
    int offered = 0;
    while (cohort.takesEnrollments(now)) {
      Optional<Enrollment> next = jdbc.sql(SELECT + " WHERE cohort_id = ? AND status = 'WAITLISTED' ORDER BY id"
              + " LIMIT 1 FOR UPDATE SKIP LOCKED")
          .param(cohortId).query(Enrollments::enrollment).optional();
      if (next.isEmpty() || !takeSeat(cohortId)) {
        break;
      }
      Instant expires = now.plus(properties.offerTime());
      if (expires.isAfter(cohort.startsAt())) {
        expires = cohort.startsAt();
      }
      jdbc.sql("UPDATE course_enrollment SET status = 'OFFERED', holds_seat = TRUE, offer_expires_at = ?,"
              + " updated_at = ? WHERE id = ?")
          .params(CourseCatalog.utc(expires), CourseCatalog.utc(now), next.get().id()).update();
      caseMessages.send(SEAT_OFFERED, next.get().businessKey());
      log.info("Seat in cohort {} offered to enrollment {} until {}", cohort.code(), next.get().key(), expires);
      offered++;
    }
    return offered;
  }

  /**
   * The person takes the seat offered to them: it becomes a reservation waiting for payment.
   *
   * @return false when there is no live offer (expired, already taken, never made)
   */
  @Transactional
  public boolean acceptOffer(String enrollmentKey) {
    Enrollment enrollment = locked(enrollmentKey).orElse(null);
    Instant now = clock.instant();
    if (enrollment == null || enrollment.status() != Status.OFFERED || !now.isBefore(enrollment.offerExpiresAt())) {
      return enrollment != null && enrollment.status() == Status.RESERVED;
    }
    Cohort cohort = catalog.cohort(enrollment.cohortId()).orElseThrow();
    Instant due = enrollment.paymentMethod() == null ? null : paymentDue(cohort, enrollment.paymentMethod(), now);
    jdbc.sql("UPDATE course_enrollment SET status = 'RESERVED', payment_due_at = ?, updated_at = ? WHERE id = ?")
        .params(CourseCatalog.utc(due), CourseCatalog.utc(now), enrollment.id()).update();
    caseMessages.send(OFFER_ACCEPTED, enrollment.businessKey());
    return true;
  }

  /**
   * Ends an enrollment that did not become one (payment not made in time, offer not taken, cohort started while
   * waiting) and gives its seat, if it held one, to the next on the waitlist.
   *
   * @return false when it had already ended or is enrolled (a payment that arrived first wins)
   */
  @Transactional
  public boolean release(String enrollmentKey, String reason) {
    Enrollment enrollment = locked(enrollmentKey).orElse(null);
    if (enrollment == null || enrollment.paidAt() != null
        || !List.of(Status.RESERVED, Status.WAITLISTED, Status.OFFERED).contains(enrollment.status())) {
      return false;
    }
    end(enrollment, Status.RELEASED, reason);
    return true;
  }

  /** A payment was confirmed (read back from the provider, or a transfer confirmed by staff). */
  @Transactional
  public boolean paymentConfirmed(String enrollmentKey, String transferReference) {
    Enrollment enrollment = locked(enrollmentKey).orElse(null);
    if (enrollment == null || enrollment.paidAt() != null) {
      return false;
    }
    Instant now = clock.instant();
    jdbc.sql("UPDATE course_enrollment SET paid_at = ?, transfer_reference = ?, updated_at = ? WHERE id = ?")
        .params(CourseCatalog.utc(now), transferReference, CourseCatalog.utc(now), enrollment.id()).update();
    if (enrollment.status() == Status.RESERVED) {
      if (enrollment.paymentMethod() != PaymentMethod.TRANSFER) {
        // a transfer is confirmed in the case's own task, which reads the answer from the form
        caseMessages.send(PAYMENT_CONFIRMED, enrollment.businessKey());
      }
    } else {
      // paid after the seat was released: customer success refunds or finds a seat (see the case's history)
      log.warn("Payment for enrollment {} arrived in status {}", enrollment.key(), enrollment.status());
    }
    return true;
  }

  /** Paid (or free) and pushed to the LMS. */
  @Transactional
  public Enrollment enrolled(String enrollmentKey, String lmsUserId) {
    Instant now = clock.instant();
    jdbc.sql("UPDATE course_enrollment SET status = 'ENROLLED', lms_user_id = ?, enrolled_at = COALESCE(enrolled_at, ?),"
            + " progress_at = COALESCE(progress_at, ?), updated_at = ? WHERE enrollment_key = ? AND status = 'RESERVED'")
        .params(lmsUserId, CourseCatalog.utc(now), CourseCatalog.utc(now), CourseCatalog.utc(now), enrollmentKey)
        .update();
    return require(enrollmentKey);
  }

  /**
   * A refund or chargeback: access ends, and a seat in a cohort that has not started goes to the waitlist.
   *
   * @return false when access had already ended
   */
  @Transactional
  public boolean endAccess(String enrollmentKey, String reason) {
    Enrollment enrollment = locked(enrollmentKey).orElse(null);
    if (enrollment == null || enrollment.status() == Status.ACCESS_ENDED || enrollment.status() == Status.RELEASED) {
      return false;
    }
    end(enrollment, Status.ACCESS_ENDED, reason);
    caseMessages.send(ACCESS_REVOKED, enrollment.businessKey(), Map.of("accessEndedReason", reason));
    return true;
  }

  private void end(Enrollment enrollment, Status status, String reason) {
    Instant now = clock.instant();
    jdbc.sql("UPDATE course_enrollment SET status = ?, holds_seat = FALSE, ended_reason = ?, ended_at = ?,"
            + " updated_at = ? WHERE id = ?")
        .params(status.name(), reason, CourseCatalog.utc(now), CourseCatalog.utc(now), enrollment.id()).update();
    if (enrollment.holdsSeat()) {
      jdbc.sql("UPDATE course_cohort SET seats_taken = seats_taken - 1 WHERE id = ?").param(enrollment.cohortId())
          .update();
      offerFreeSeats(enrollment.cohortId());
    }
    log.info("Enrollment {} {}: {}", enrollment.key(), status, reason);
  }

  /**
   * Progress reported by the LMS or the built-in lessons. Only forward: a late report of a lower percentage changes
   * nothing. The case hears {@link #PROGRESS_RECORDED} when progress moved.
   *
   * @return whether it moved
   */
  @Transactional
  public boolean recordProgress(String enrollmentKey, int percent) {
    if (percent < 0 || percent > 100) {
      throw new IllegalArgumentException("progress is a percentage, got " + percent);
    }
    Instant now = clock.instant();
    int moved = jdbc.sql("UPDATE course_enrollment SET progress_percent = ?, progress_at = ?, updated_at = ?"
            + " WHERE enrollment_key = ? AND status = 'ENROLLED' AND progress_percent < ?")
        .params(percent, CourseCatalog.utc(now), CourseCatalog.utc(now), enrollmentKey, percent).update();
    if (moved == 1) {
      caseMessages.send(PROGRESS_RECORDED, require(enrollmentKey).businessKey());
    }
    return moved == 1;
  }

  /**
   * The highest milestone reached and not yet announced, marked as announced (so each goes out once, even when
   * progress jumps from 10 % to 80 %: then only 75 % is announced).
   */
  @Transactional
  public OptionalInt claimMilestone(String enrollmentKey) {
    Enrollment enrollment = locked(enrollmentKey).orElseThrow();
    int reached = 0;
    for (int milestone : MILESTONES) {
      if (enrollment.progressPercent() >= milestone) {
        reached = milestone;
      }
    }
    if (reached <= enrollment.milestoneSent() || enrollment.progressPercent() >= 100) {
      return OptionalInt.empty();
    }
    jdbc.sql("UPDATE course_enrollment SET milestone_sent = ? WHERE id = ?").params(reached, enrollment.id()).update();
    return OptionalInt.of(reached);
  }

  /** The learner opened the live session through their join link. */
  @Transactional
  public boolean recordAttendance(String enrollmentKey) {
    Instant now = clock.instant();
    return jdbc.sql("UPDATE course_enrollment SET attended_at = ?, updated_at = ? WHERE enrollment_key = ?"
            + " AND attended_at IS NULL AND status IN ('ENROLLED', 'COMPLETED')")
        .params(CourseCatalog.utc(now), CourseCatalog.utc(now), enrollmentKey).update() == 1;
  }

  @Transactional
  public void completed(String enrollmentKey, String certificateCode) {
    Instant now = clock.instant();
    jdbc.sql("UPDATE course_enrollment SET status = 'COMPLETED', completed_at = COALESCE(completed_at, ?),"
            + " certificate_code = COALESCE(certificate_code, ?), updated_at = ? WHERE enrollment_key = ?"
            + " AND status IN ('ENROLLED', 'COMPLETED')")
        .params(CourseCatalog.utc(now), certificateCode, CourseCatalog.utc(now), enrollmentKey).update();
  }

  /**
   * Erasure: deletes every enrollment of the person; a seat they held goes to the waitlist as if released. Their
   * cases are deleted by {@code CaseErasure} before this runs.
   */
  @Transactional
  public int erase(String email) {
    List<Enrollment> theirs = jdbc.sql(SELECT + " WHERE email = ? FOR UPDATE").param(normalizeEmail(email))
        .query(Enrollments::enrollment).list();
    for (Enrollment enrollment : theirs) {
      jdbc.sql("DELETE FROM course_enrollment WHERE id = ?").param(enrollment.id()).update();
      if (enrollment.holdsSeat()) {
        jdbc.sql("UPDATE course_cohort SET seats_taken = seats_taken - 1 WHERE id = ?").param(enrollment.cohortId())
            .update();
        offerFreeSeats(enrollment.cohortId());
      }
    }
    return theirs.size();
  }

  private Optional<Enrollment> locked(String enrollmentKey) {
    return jdbc.sql(SELECT + " WHERE enrollment_key = ? FOR UPDATE").param(enrollmentKey)
        .query(Enrollments::enrollment).optional();
  }

  public static String businessKey(String cohortCode, String normalizedEmail) {
    return cohortCode + ":" + normalizedEmail;
  }

  public static String normalizeEmail(String email) {
    return email == null ? null : email.strip().toLowerCase(Locale.ROOT);
  }

  private static String newKey() {
    byte[] bytes = new byte[16];
    RANDOM.nextBytes(bytes);
    return HexFormat.of().formatHex(bytes);
  }

  private static Enrollment enrollment(ResultSet rs, int row) throws SQLException {
    String method = rs.getString("payment_method");
    return new Enrollment(rs.getLong("id"), rs.getString("enrollment_key"), rs.getString("business_key"),
        rs.getLong("cohort_id"), rs.getString("email"), rs.getString("name"),
        Locale.forLanguageTag(rs.getString("language")), rs.getString("country"),
        ZoneId.of(rs.getString("time_zone")), Status.valueOf(rs.getString("status")), rs.getBoolean("holds_seat"),
        CourseCatalog.instant(rs, "offer_expires_at"), method == null ? null : PaymentMethod.valueOf(method),
        CourseCatalog.instant(rs, "payment_due_at"), CourseCatalog.instant(rs, "paid_at"),
        rs.getString("transfer_reference"), CourseCatalog.instant(rs, "enrolled_at"), rs.getString("lms_user_id"),
        rs.getInt("progress_percent"), CourseCatalog.instant(rs, "progress_at"), rs.getInt("milestone_sent"),
        CourseCatalog.instant(rs, "attended_at"), CourseCatalog.instant(rs, "completed_at"),
        rs.getString("certificate_code"), rs.getString("ended_reason"), CourseCatalog.instant(rs, "created_at"));
  }
}
