package io.escala.enrollment;

import io.escala.platform.PublicUrl;
import io.escala.platform.SignedLinks;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.springframework.stereotype.Component;

/**
 * The signed links of course enrollment. Tokens carry the enrollment key (random, names no one), are made when a
 * mail or page is rendered and never kept in the case.
 *
 * <ul>
 *   <li>{@code /courses/enrollment/{token}}: where the enrollment stands (seat, waitlist position, payment);
 *   <li>{@code /courses/offer/{token}}: take the seat offered from the waitlist, until the offer expires;
 *   <li>{@code /courses/pay/{token}}: the payment page for a reserved seat, until payment is due;
 *   <li>{@code /courses/learn/{token}}: the learner's lessons, progress and certificate (valid a year);
 *   <li>{@code /courses/join/{token}}: the live session; records attendance and goes on to the meeting.
 * </ul>
 */
@Component
public class EnrollmentLinks {

  static final String STATUS = "course-enrollment";
  static final String OFFER = "course-offer";
  static final String PAY = "course-pay";
  static final String LEARN = "course-learn";
  static final String JOIN = "course-join";
  static final Duration LEARNER_LINK_VALIDITY = Duration.ofDays(365);
  private static final Duration STATUS_LINK_VALIDITY = Duration.ofDays(90);

  private final SignedLinks links;
  private final PublicUrl publicUrl;
  private final Clock clock;

  public EnrollmentLinks(SignedLinks links, PublicUrl publicUrl, Clock clock) {
    this.links = links;
    this.publicUrl = publicUrl;
    this.clock = clock;
  }

  public String status(Enrollment enrollment) {
    return publicUrl.to("/courses/enrollment/" + statusToken(enrollment));
  }

  /** The token of {@link #status}; the enrollment page carries it through its POST-redirect-GET. */
  public String statusToken(Enrollment enrollment) {
    return links.sign(STATUS, enrollment.key(), STATUS_LINK_VALIDITY);
  }

  public String offer(Enrollment enrollment) {
    return publicUrl.to("/courses/offer/" + links.sign(OFFER, enrollment.key(), until(enrollment.offerExpiresAt())));
  }

  public String pay(Enrollment enrollment) {
    return publicUrl.to("/courses/pay/" + links.sign(PAY, enrollment.key(), until(enrollment.paymentDueAt())));
  }

  public String learn(Enrollment enrollment) {
    return publicUrl.to("/courses/learn/" + links.sign(LEARN, enrollment.key(), LEARNER_LINK_VALIDITY));
  }

  public String join(Enrollment enrollment) {
    return publicUrl.to("/courses/join/" + links.sign(JOIN, enrollment.key(), LEARNER_LINK_VALIDITY));
  }

  public SignedLinks.Verification verifyStatus(String token) {
    return links.verify(STATUS, token);
  }

  public SignedLinks.Verification verifyOffer(String token) {
    return links.verify(OFFER, token);
  }

  public SignedLinks.Verification verifyPay(String token) {
    return links.verify(PAY, token);
  }

  public SignedLinks.Verification verifyLearn(String token) {
    return links.verify(LEARN, token);
  }

  public SignedLinks.Verification verifyJoin(String token) {
    return links.verify(JOIN, token);
  }

  private Duration until(Instant end) {
    if (end == null) {
      return Duration.ZERO;
    }
    Duration left = Duration.between(clock.instant(), end);
    return left.isNegative() ? Duration.ZERO : left;
  }
}
