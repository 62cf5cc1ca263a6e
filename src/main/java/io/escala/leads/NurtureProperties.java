package io.escala.leads;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalTime;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code escala.leads.nurture.*}: when and how often nurture e-mails go out.
 *
 * @param sendWindowStart first local time of day (in the lead's time zone) an e-mail may be sent, inclusive
 * @param sendWindowEnd end of the window, exclusive; after {@code sendWindowStart} (no windows across midnight)
 * @param sendDays days of the week (in the lead's time zone) e-mails may be sent
 * @param weeklyMarketingCap at most this many marketing e-mails per contact in any 7 days, across all flows
 * @param stepDelays delay before each nurture e-mail, ISO-8601 ({@code P2D}); the send window applies afterwards
 * @param demoOutcomeWait after a demo was booked, how long the case waits to learn it was held
 */
@ConfigurationProperties("escala.leads.nurture")
public record NurtureProperties(
    @DefaultValue("09:00") LocalTime sendWindowStart,
    @DefaultValue("17:00") LocalTime sendWindowEnd,
    @DefaultValue({"MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY"}) Set<DayOfWeek> sendDays,
    @DefaultValue("3") int weeklyMarketingCap,
    @DefaultValue({"P2D", "P4D", "P7D"}) List<Duration> stepDelays,
    @DefaultValue("P45D") Duration demoOutcomeWait) {

  public NurtureProperties {
    // Bad values would only show up inside a job; fail at start-up instead.
    if (sendWindowStart == null || sendWindowEnd == null || !sendWindowStart.isBefore(sendWindowEnd)) {
      throw new IllegalArgumentException(
          "escala.leads.nurture.send-window-start must be before send-window-end, e.g. 09:00 and 17:00");
    }
    if (sendDays == null || sendDays.isEmpty()) {
      throw new IllegalArgumentException("escala.leads.nurture.send-days needs at least one day, e.g. MONDAY");
    }
    if (weeklyMarketingCap < 1) {
      throw new IllegalArgumentException("escala.leads.nurture.weekly-marketing-cap must be at least 1");
    }
    if (stepDelays == null || stepDelays.isEmpty()
        || stepDelays.stream().anyMatch(delay -> delay == null || delay.isNegative())) {
      throw new IllegalArgumentException("escala.leads.nurture.step-delays needs durations >= 0, e.g. P2D,P4D,P7D");
    }
    sendDays = Set.copyOf(EnumSet.copyOf(sendDays));
    stepDelays = List.copyOf(stepDelays);
  }
}
