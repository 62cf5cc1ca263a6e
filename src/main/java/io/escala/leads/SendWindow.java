package io.escala.leads;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Objects;
import org.springframework.stereotype.Component;

/**
 * When a nurture e-mail may go out: on a send day, inside the send window, both in the lead's time zone. Pure
 * calculation; the caller sets a timer to the answer.
 */
@Component
public class SendWindow {

  private final NurtureProperties properties;

  public SendWindow(NurtureProperties properties) {
    this.properties = properties;
  }

  /**
   * {@code earliest} itself when it lies inside a window, otherwise the start of the next window. Window times are
   * local wall-clock times: a start that falls into a DST gap moves to the first valid instant after the gap (as
   * {@link ZonedDateTime#of} does), so the answer is always a real instant of that day.
   */
  public Instant nextSendTime(Instant earliest, ZoneId zone) {
    Objects.requireNonNull(earliest, "earliest");
    Objects.requireNonNull(zone, "zone");
    LocalDate day = earliest.atZone(zone).toLocalDate();
    // Eight days always reach a send day (at least one is configured), today included.
    for (int i = 0; i <= 7; i++, day = day.plusDays(1)) {
      if (!properties.sendDays().contains(day.getDayOfWeek())) {
        continue;
      }
      Instant opens = ZonedDateTime.of(day, properties.sendWindowStart(), zone).toInstant();
      Instant closes = ZonedDateTime.of(day, properties.sendWindowEnd(), zone).toInstant();
      Instant candidate = earliest.isAfter(opens) ? earliest : opens;
      if (candidate.isBefore(closes)) {
        return candidate;
      }
    }
    throw new IllegalStateException("No send window within a week; check escala.leads.nurture.send-days");
  }
}
