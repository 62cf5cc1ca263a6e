package io.escala.leads;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/** Expected instants are written in UTC, with the lead's local time in the comment. */
class SendWindowTest {

  private static final NurtureProperties DEFAULTS = bind(Map.of());
  private final SendWindow window = new SendWindow(DEFAULTS);

  @ParameterizedTest(name = "{3}")
  @CsvSource(delimiter = '|', value = {
    // earliest (UTC)     | zone                | expected (UTC)       | case
    "2025-03-11T13:00:00Z | America/Sao_Paulo   | 2025-03-11T13:00:00Z | Tue 10:00 -03 is inside the window",
    "2025-03-11T10:30:00Z | America/Sao_Paulo   | 2025-03-11T12:00:00Z | Tue 07:30 -03 waits for 09:00",
    "2025-03-11T19:59:59Z | America/Sao_Paulo   | 2025-03-11T19:59:59Z | Tue 16:59:59 -03 is the last second",
    "2025-03-11T20:00:00Z | America/Sao_Paulo   | 2025-03-12T12:00:00Z | Tue 17:00 -03 (end excluded) -> Wed 09:00",
    "2025-03-14T22:59:00Z | America/Mexico_City | 2025-03-14T22:59:00Z | Fri 16:59 -06 is inside (22:59 UTC)",
    "2025-03-15T05:30:00Z | America/Mexico_City | 2025-03-17T15:00:00Z | Fri 23:30 -06 (Sat UTC) -> Mon 09:00",
    "2025-03-17T02:00:00Z | America/Mexico_City | 2025-03-17T15:00:00Z | Sun 20:00 -06 (Mon UTC) -> Mon 09:00",
    "2025-03-18T04:00:00Z | America/Santiago    | 2025-03-18T12:00:00Z | Tue 01:00 -03 -> same day 09:00",
    "2024-04-05T21:00:00Z | America/Santiago    | 2024-04-08T13:00:00Z | Fri 18:00 -03: DST ends Sun -> Mon 09:00 -04",
    "2024-09-06T21:30:00Z | America/Santiago    | 2024-09-09T12:00:00Z | Fri 17:30 -04: DST starts -> Mon 09:00 -03",
    "2018-11-02T21:00:00Z | America/Sao_Paulo   | 2018-11-05T11:00:00Z | Fri 18:00 -03: DST 2018 -> Mon 09:00 -02",
    "2022-04-01T23:00:00Z | America/Mexico_City | 2022-04-04T14:00:00Z | Fri 17:00 -06: DST 2022 -> Mon 09:00 -05",
    "2023-04-01T00:00:00Z | America/Mexico_City | 2023-04-03T15:00:00Z | Fri 18:00 -06: no DST now -> Mon 09:00 -06",
  })
  void nextSendTime(Instant earliest, ZoneId zone, Instant expected, String description) {
    assertThat(window.nextSendTime(earliest, zone)).isEqualTo(expected);
  }

  @Test
  void aWindowThatOpensInADstGapOpensWhenTheClockJumps() {
    // Santiago, Sun 2024-09-08: 00:00 -04 jumps to 01:00 -03; a window opening at midnight opens at 01:00 -03.
    SendWindow midnight = new SendWindow(new NurtureProperties(
        LocalTime.MIDNIGHT, LocalTime.of(8, 0), EnumSet.allOf(DayOfWeek.class), 3, List.of(Duration.ofDays(2)), Duration.ofDays(45)));

    Instant afterSaturdaysWindow = Instant.parse("2024-09-08T03:30:00Z"); // Sat 23:30 -04
    assertThat(midnight.nextSendTime(afterSaturdaysWindow, ZoneId.of("America/Santiago")))
        .isEqualTo(Instant.parse("2024-09-08T04:00:00Z"));
  }

  @Test
  void aSingleSendDayIsFoundAWeekLater() {
    SendWindow mondays = new SendWindow(new NurtureProperties(
        LocalTime.of(9, 0), LocalTime.of(17, 0), Set.of(DayOfWeek.MONDAY), 3, List.of(Duration.ofDays(2)), Duration.ofDays(45)));

    Instant mondayEvening = Instant.parse("2025-03-17T21:00:00Z"); // Mon 18:00 -03
    assertThat(mondays.nextSendTime(mondayEvening, ZoneId.of("America/Sao_Paulo")))
        .isEqualTo(Instant.parse("2025-03-24T12:00:00Z"));
  }

  @Test
  void defaultsBindFromNoConfiguration() {
    assertThat(DEFAULTS.sendWindowStart()).isEqualTo(LocalTime.of(9, 0));
    assertThat(DEFAULTS.sendWindowEnd()).isEqualTo(LocalTime.of(17, 0));
    assertThat(DEFAULTS.sendDays()).isEqualTo(EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY));
    assertThat(DEFAULTS.weeklyMarketingCap()).isEqualTo(3);
    assertThat(DEFAULTS.stepDelays()).containsExactly(Duration.ofDays(2), Duration.ofDays(4), Duration.ofDays(7));
  }

  @Test
  void propertiesBindFromYamlStyleValues() {
    NurtureProperties custom = bind(Map.of(
        "escala.leads.nurture.send-window-start", "08:30",
        "escala.leads.nurture.send-window-end", "12:00",
        "escala.leads.nurture.send-days", "SATURDAY,SUNDAY",
        "escala.leads.nurture.weekly-marketing-cap", "5",
        "escala.leads.nurture.step-delays", "PT1H,P1D"));

    assertThat(custom.sendWindowStart()).isEqualTo(LocalTime.of(8, 30));
    assertThat(custom.sendDays()).containsExactlyInAnyOrder(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY);
    assertThat(custom.weeklyMarketingCap()).isEqualTo(5);
    assertThat(custom.stepDelays()).containsExactly(Duration.ofHours(1), Duration.ofDays(1));
  }

  private static NurtureProperties bind(Map<String, String> properties) {
    return new Binder(new MapConfigurationPropertySource(properties))
        .bindOrCreate("escala.leads.nurture", NurtureProperties.class);
  }
}
