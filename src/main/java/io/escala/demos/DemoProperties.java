package io.escala.demos;

import io.escala.platform.LocaleConfiguration;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code escala.demos.*}: who gives demos, how slots are offered, reminders and the follow-up.
 *
 * @param repGroup the Camunda group whose members give demos
 * @param staffLanguage what the reps read in Tasklist (es, pt-BR or en): the outcome and follow-up forms
 * @param slotStep slots start on this grid (e.g. every 15 minutes past the hour)
 * @param horizon how far ahead slots are offered
 * @param reminders before the start, e.g. [PT24H, PT1H]; one that would already be due when booked is skipped
 * @param meetingBaseUrl a demo without the rep's fixed link gets a room under this URL (Jitsi by default)
 * @param outcomeDueAfter "Record demo outcome" is due this long after the end ({@code PT0S}: end of the rep's day)
 * @param rebookAfter after a no-show, the rebooking e-mails go out these long after the demo's end
 * @param followUpReviewWithin the rep reviews the drafted follow-up within this
 * @param waitForOutcome how long lead nurturing waits, after a booking, for the demo's outcome
 * @param defaults the settings of a rep who has not saved their own yet
 */
@ConfigurationProperties("escala.demos")
public record DemoProperties(
    @DefaultValue("sales") String repGroup,
    @DefaultValue("es") Locale staffLanguage,
    @DefaultValue("PT15M") Duration slotStep,
    @DefaultValue("P30D") Duration horizon,
    @DefaultValue({"PT24H", "PT1H"}) List<Duration> reminders,
    @DefaultValue("https://meet.jit.si/") String meetingBaseUrl,
    @DefaultValue("PT0S") Duration outcomeDueAfter,
    @DefaultValue({"P1D", "P3D", "P7D"}) List<Duration> rebookAfter,
    @DefaultValue("P1D") Duration followUpReviewWithin,
    @DefaultValue("P45D") Duration waitForOutcome,
    @DefaultValue Defaults defaults) {

  public DemoProperties {
    staffLanguage = LocaleConfiguration.supported(staffLanguage);
    if (slotStep.toMinutes() < 5 || slotStep.toMinutes() % 5 != 0 || 60 % slotStep.toMinutes() != 0
        && slotStep.toMinutes() % 60 != 0) {
      throw new IllegalArgumentException("escala.demos.slot-step must be a multiple of 5 minutes that divides an hour"
          + " (or whole hours), got " + slotStep);
    }
    if (horizon.isNegative() || horizon.isZero() || horizon.toDays() > 366) {
      throw new IllegalArgumentException("escala.demos.horizon must be between 1 day and a year, got " + horizon);
    }
    reminders = reminders.stream().filter(d -> !d.isNegative() && !d.isZero())
        .sorted(java.util.Comparator.reverseOrder()).distinct().toList();
    rebookAfter = List.copyOf(rebookAfter);
    if (!meetingBaseUrl.startsWith("https://")) {
      throw new IllegalArgumentException("escala.demos.meeting-base-url must be an https URL, got " + meetingBaseUrl);
    }
  }

  /** The defaults of a rep without saved settings: Monday to Friday, 9:00 to 17:00 in their zone. */
  public record Defaults(
      @DefaultValue("America/Mexico_City") ZoneId timeZone,
      @DefaultValue("30") int demoMinutes,
      @DefaultValue("10") int bufferBeforeMinutes,
      @DefaultValue("10") int bufferAfterMinutes,
      @DefaultValue("240") int minNoticeMinutes,
      @DefaultValue("6") int maxPerDay,
      @DefaultValue("09:00") LocalTime dayStart,
      @DefaultValue("17:00") LocalTime dayEnd) {}
}
