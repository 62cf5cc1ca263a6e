package io.escala.enrollment;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code escala.enrollment.*}: the time limits of course enrollment.
 *
 * @param paymentTime how long a reserved seat waits for a card or Pix payment before it goes to the next person
 * @param transferTime the same for a bank transfer, which takes a working day or two to arrive
 * @param offerTime how long a freed seat is held for the next person on the waitlist
 * @param reminders how long before a live session its reminders go out
 * @param replayAfter how long after a live session ends the replay goes to those who did not attend
 * @param nudgeAfter a learner without progress for this long gets a nudge
 * @param stalledAfterNudges after this many nudges without progress customer success gets a task
 */
@ConfigurationProperties("escala.enrollment")
public record EnrollmentProperties(
    @DefaultValue("PT48H") Duration paymentTime,
    @DefaultValue("PT72H") Duration transferTime,
    @DefaultValue("PT24H") Duration offerTime,
    @DefaultValue({"P7D", "P1D", "PT1H"}) List<Duration> reminders,
    @DefaultValue("PT2H") Duration replayAfter,
    @DefaultValue("P7D") Duration nudgeAfter,
    @DefaultValue("2") int stalledAfterNudges) {

  public EnrollmentProperties {
    reminders = List.copyOf(reminders);
    for (Duration duration : List.of(paymentTime, transferTime, offerTime, nudgeAfter)) {
      if (duration.isNegative() || duration.isZero()) {
        throw new IllegalArgumentException("escala.enrollment time limits must be positive, got " + duration);
      }
    }
    if (stalledAfterNudges < 1) {
      throw new IllegalArgumentException("escala.enrollment.stalled-after-nudges must be at least 1");
    }
  }
}
