package io.escala.onboarding;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code escala.onboarding.*}: the timing of the onboarding flow. Durations are ISO-8601 ({@code P2D}, {@code PT5M}).
 * They are copied into each case when it starts, so a case keeps the schedule it was promised.
 *
 * @param verificationTimeout how long the verification link is valid; unverified signups are erased after it
 * @param checkIns reminders after the welcome e-mail, each counted from the start of the checklist (the diagram has
 *     three check-in timers: first, second, third)
 * @param activationDeadline not activated by then → a customer-success call
 * @param dueDateOffset due date of the customer-success task
 */
@ConfigurationProperties("escala.onboarding")
public record OnboardingProperties(
    Duration verificationTimeout, List<Duration> checkIns, Duration activationDeadline, Duration dueDateOffset) {

  public OnboardingProperties {
    if (checkIns == null || checkIns.size() != 3) {
      throw new IllegalArgumentException("escala.onboarding.check-ins needs exactly three durations, e.g. P1D,P3D,P7D");
    }
  }
}
