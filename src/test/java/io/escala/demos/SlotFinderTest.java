package io.escala.demos;

import static org.assertj.core.api.Assertions.assertThat;

import io.escala.calendar.BusyInterval;
import io.escala.demos.RepSettings.Hours;
import io.escala.demos.SlotFinder.Slot;
import io.escala.demos.SlotFinder.Taken;
import io.escala.demos.SlotFinder.Verdict;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SlotFinderTest {

  private static final ZoneId MEXICO = ZoneId.of("America/Mexico_City"); // UTC-6 all year since 2022
  private static final ZoneId SANTIAGO = ZoneId.of("America/Santiago");
  private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
  private static final ZoneId SAO_PAULO = ZoneId.of("America/Sao_Paulo");
  /** Monday 2 June 2025, 06:00 in Mexico City. */
  private static final Instant NOW = Instant.parse("2025-06-02T12:00:00Z");

  private final SlotFinder finder = new SlotFinder(Duration.ofMinutes(15), Duration.ofDays(30));

  // --- working hours in the rep's zone ---------------------------------------------------------------------------

  @Test
  void startsRunFromOpeningUntilTheLastThatEndsByClosingInTheRepsZone() {
    RepSettings rep = rep("ana", MEXICO, 30, 0, 0, weekdays(9, 17));

    List<Instant> starts = finder.candidateStarts(rep, at("2025-06-03T00:00:00Z"), at("2025-06-04T00:00:00Z"));

    assertThat(starts).first().isEqualTo(at("2025-06-03T15:00:00Z")); // 9:00 in Mexico City
    assertThat(starts).last().isEqualTo(at("2025-06-03T22:30:00Z")); // 16:30, ends at 17:00
    assertThat(starts).hasSize(31);
  }

  @Test
  void nineInTheMorningInSantiagoMovesAnHourInUtcWhenTheClocksGoBackAtMidnight() {
    // Chile left summer time at 00:00 on Sunday 6 April 2025 (-03 to -04)
    RepSettings rep = rep("ana", SANTIAGO, 30, 0, 0, weekdays(9, 17));

    assertThat(finder.candidateStarts(rep, at("2025-04-04T00:00:00Z"), at("2025-04-05T00:00:00Z")))
        .first().isEqualTo(at("2025-04-04T12:00:00Z"));
    assertThat(finder.candidateStarts(rep, at("2025-04-07T00:00:00Z"), at("2025-04-08T00:00:00Z")))
        .first().isEqualTo(at("2025-04-07T13:00:00Z"));
  }

  @Test
  void hoursThatStartInTheSantiagoGapOpenWhenTheClockShowsOneNotBefore() {
    // 00:00 on Sunday 7 September 2025 does not exist in Santiago: the clocks jump to 01:00 (-03)
    RepSettings rep = rep("ana", SANTIAGO, 30, 0, 0, Map.of(DayOfWeek.SUNDAY, List.of(hours(0, 2))));

    assertThat(finder.candidateStarts(rep, at("2025-09-06T12:00:00Z"), at("2025-09-07T12:00:00Z")))
        .containsExactly(at("2025-09-07T04:00:00Z"), at("2025-09-07T04:15:00Z"), at("2025-09-07T04:30:00Z"));
  }

  @Test
  void onTheNewYorkSpringForwardDayFourHoursOnTheClockAreThreeRealHours() {
    // 02:00 on 9 March 2025 jumps to 03:00; 01:00-05:00 local is 06:00Z-09:00Z
    RepSettings rep = rep("ana", NEW_YORK, 30, 0, 0, Map.of(DayOfWeek.SUNDAY, List.of(hours(1, 5))));

    List<Instant> starts = finder.candidateStarts(rep, at("2025-03-09T00:00:00Z"), at("2025-03-10T00:00:00Z"));

    assertThat(starts).first().isEqualTo(at("2025-03-09T06:00:00Z"));
    assertThat(starts).last().isEqualTo(at("2025-03-09T08:30:00Z"));
    assertThat(starts).hasSize(11);
  }

  @Test
  void onTheNewYorkFallBackDayTheRepeatedHourIsOfferedOnceAsRealTime() {
    // 02:00 EDT on 2 November 2025 goes back to 01:00 EST; 00:00-03:00 local is 04:00Z-08:00Z
    RepSettings rep = rep("ana", NEW_YORK, 30, 0, 0, Map.of(DayOfWeek.SUNDAY, List.of(hours(0, 3))));

    List<Instant> starts = finder.candidateStarts(rep, at("2025-11-01T12:00:00Z"), at("2025-11-03T00:00:00Z"));

    assertThat(starts).first().isEqualTo(at("2025-11-02T04:00:00Z"));
    assertThat(starts).last().isEqualTo(at("2025-11-02T07:30:00Z"));
    assertThat(starts).hasSize(15).doesNotHaveDuplicates();
    Instant inTheRepeatedHour = at("2025-11-02T06:15:00Z"); // 01:15 EST, the second 01:15
    assertThat(finder.verdict(rep, inTheRepeatedHour, at("2025-11-01T00:00:00Z"), nothingTaken()))
        .isEqualTo(Verdict.FREE);
  }

  @Test
  void saoPauloHasNoSummerTimeAnyMoreButHadOneIn2018() {
    RepSettings rep = rep("ana", SAO_PAULO, 30, 0, 0, weekdays(9, 17));

    // before and after early November: 9:00 is 12:00Z both times now
    assertThat(finder.candidateStarts(rep, at("2025-10-31T00:00:00Z"), at("2025-11-01T00:00:00Z")))
        .first().isEqualTo(at("2025-10-31T12:00:00Z"));
    assertThat(finder.candidateStarts(rep, at("2025-11-10T00:00:00Z"), at("2025-11-11T00:00:00Z")))
        .first().isEqualTo(at("2025-11-10T12:00:00Z"));
    // in 2018 summer time began on 4 November: 9:00 became 11:00Z
    assertThat(finder.candidateStarts(rep, at("2018-11-05T00:00:00Z"), at("2018-11-06T00:00:00Z")))
        .first().isEqualTo(at("2018-11-05T11:00:00Z"));
  }

  @Test
  void aDemoThatWouldRunPastClosingOrFallsOnAWeekendIsOutsideHours() {
    RepSettings rep = rep("ana", MEXICO, 30, 0, 0, weekdays(9, 17));

    assertThat(finder.verdict(rep, at("2025-06-03T22:30:00Z"), NOW, nothingTaken())).isEqualTo(Verdict.FREE);
    assertThat(finder.verdict(rep, at("2025-06-03T22:45:00Z"), NOW, nothingTaken()))
        .isEqualTo(Verdict.OUTSIDE_HOURS);
    assertThat(finder.verdict(rep, at("2025-06-03T14:45:00Z"), NOW, nothingTaken()))
        .isEqualTo(Verdict.OUTSIDE_HOURS);
    assertThat(finder.verdict(rep, at("2025-06-07T16:00:00Z"), NOW, nothingTaken())) // a Saturday
        .isEqualTo(Verdict.OUTSIDE_HOURS);
  }

  @Test
  void aSplitDayOffersBothRangesAndNothingInTheBreak() {
    RepSettings rep = rep("ana", MEXICO, 30, 0, 0,
        Map.of(DayOfWeek.TUESDAY, List.of(hours(14, 17), hours(9, 12))));

    assertThat(finder.verdict(rep, at("2025-06-03T17:30:00Z"), NOW, nothingTaken())).isEqualTo(Verdict.FREE);
    assertThat(finder.verdict(rep, at("2025-06-03T18:00:00Z"), NOW, nothingTaken()))
        .isEqualTo(Verdict.OUTSIDE_HOURS);
    assertThat(finder.verdict(rep, at("2025-06-03T20:00:00Z"), NOW, nothingTaken())).isEqualTo(Verdict.FREE);
    assertThat(finder.candidateStarts(rep, at("2025-06-03T00:00:00Z"), at("2025-06-04T00:00:00Z"))).hasSize(22);
  }

  // --- notice, horizon, past, grid ---------------------------------------------------------------------------------

  @Test
  void aStartWithinTheMinimumNoticeIsTooSoon() {
    RepSettings rep = new RepSettings("ana", MEXICO, 30, 0, 0, 240, 6, null, null, true, weekdays(0, 23));

    assertThat(finder.verdict(rep, NOW.plus(Duration.ofMinutes(225)), NOW, nothingTaken()))
        .isEqualTo(Verdict.TOO_SOON);
    assertThat(finder.verdict(rep, NOW.plus(Duration.ofMinutes(240)), NOW, nothingTaken()))
        .isEqualTo(Verdict.FREE);
  }

  @Test
  void aStartBeyondTheHorizonIsTooFar() {
    RepSettings rep = rep("ana", MEXICO, 30, 0, 0, weekdays(0, 23));
    Instant horizon = NOW.plus(Duration.ofDays(30)); // Wednesday 2 July, 06:00 in Mexico City

    assertThat(finder.verdict(rep, horizon, NOW, nothingTaken())).isEqualTo(Verdict.FREE);
    assertThat(finder.verdict(rep, horizon.plus(Duration.ofMinutes(15)), NOW, nothingTaken()))
        .isEqualTo(Verdict.TOO_FAR);
  }

  @Test
  void nowAndEarlierArePast() {
    RepSettings rep = rep("ana", MEXICO, 30, 0, 0, weekdays(0, 23));

    assertThat(finder.verdict(rep, NOW, NOW, nothingTaken())).isEqualTo(Verdict.PAST);
    assertThat(finder.verdict(rep, NOW.minus(Duration.ofDays(1)), NOW, nothingTaken())).isEqualTo(Verdict.PAST);
  }

  @Test
  void aStartNotOnTheSlotStepIsOffGrid() {
    RepSettings rep = rep("ana", MEXICO, 30, 0, 0, weekdays(9, 17));

    assertThat(finder.verdict(rep, at("2025-06-03T16:05:00Z"), NOW, nothingTaken())).isEqualTo(Verdict.OFF_GRID);
    assertThat(finder.verdict(rep, at("2025-06-03T16:00:01Z"), NOW, nothingTaken())).isEqualTo(Verdict.OFF_GRID);
    assertThat(finder.verdict(rep, at("2025-06-03T16:15:00Z"), NOW, nothingTaken())).isEqualTo(Verdict.FREE);
    assertThat(finder.candidateStarts(rep, at("2025-06-03T00:00:00Z"), at("2025-06-04T00:00:00Z")))
        .allSatisfy(start -> assertThat(start.getEpochSecond() % 900).isZero());
  }

  // --- daily cap -------------------------------------------------------------------------------------------------

  @Test
  void aRepAtTheirCapForTheLocalDayTakesNoMoreThatDay() {
    RepSettings rep = new RepSettings("ana", MEXICO, 30, 0, 0, 0, 2, null, null, true, weekdays(9, 23));
    // 22:00 on Tuesday in Mexico City is 04:00Z on Wednesday: the cap counts the rep's Tuesday
    Instant lateTuesday = at("2025-06-04T04:00:00Z");
    Taken twoOnTuesday = new Taken(Map.of(), Map.of("ana", Map.of(LocalDate.of(2025, 6, 3), 2)), Map.of());
    Taken twoOnWednesday = new Taken(Map.of(), Map.of("ana", Map.of(LocalDate.of(2025, 6, 4), 2)), Map.of());

    assertThat(finder.verdict(rep, lateTuesday, NOW, twoOnTuesday)).isEqualTo(Verdict.DAILY_CAP);
    assertThat(finder.verdict(rep, lateTuesday, NOW, twoOnWednesday)).isEqualTo(Verdict.FREE);
    assertThat(finder.verdict(rep, lateTuesday, NOW,
        new Taken(Map.of(), Map.of("ana", Map.of(LocalDate.of(2025, 6, 3), 1)), Map.of()))).isEqualTo(Verdict.FREE);
  }

  @Test
  void aCapOfZeroOffersNothing() {
    RepSettings rep = new RepSettings("ana", MEXICO, 30, 0, 0, 0, 0, null, null, true, weekdays(9, 17));

    assertThat(finder.freeSlots(List.of(rep), NOW, NOW, NOW.plus(Duration.ofDays(7)), nothingTaken())).isEmpty();
  }

  // --- buffers -----------------------------------------------------------------------------------------------------

  @Test
  void aBookingTenToTenThirtyWithTenMinuteBuffersBlocksTenToTenUntilTwentyToEleven() {
    RepSettings rep = rep("ana", ZoneId.of("UTC"), 30, 10, 10, weekdays(8, 17));
    Taken taken = held(rep, at("2025-06-03T10:00:00Z"));

    assertThat(taken.blocks().get("ana")).contains(at("2025-06-03T09:50:00Z"), at("2025-06-03T10:35:00Z"))
        .doesNotContain(at("2025-06-03T09:45:00Z"), at("2025-06-03T10:40:00Z"));
    // 9:15-9:45 plus its 10 minutes after reaches 9:55, into the booking's buffer
    assertThat(finder.verdict(rep, at("2025-06-03T09:15:00Z"), NOW, taken)).isEqualTo(Verdict.TAKEN);
    assertThat(finder.verdict(rep, at("2025-06-03T09:00:00Z"), NOW, taken)).isEqualTo(Verdict.FREE);
  }

  @Test
  void aNextDemoAtTenFortyFiveConflictsBecauseBuffersDoNotShare() {
    // the booking's 10 minutes after (10:30-10:40) and the next demo's 10 minutes before (10:35-10:45) may not
    // overlap: each buffer is the rep's own time, not shared between neighbouring demos
    RepSettings rep = rep("ana", ZoneId.of("UTC"), 30, 10, 10, weekdays(8, 17));
    Taken taken = held(rep, at("2025-06-03T10:00:00Z"));

    assertThat(finder.verdict(rep, at("2025-06-03T10:45:00Z"), NOW, taken)).isEqualTo(Verdict.TAKEN);
    assertThat(finder.verdict(rep, at("2025-06-03T11:00:00Z"), NOW, taken)).isEqualTo(Verdict.FREE);
  }

  @Test
  void withoutBuffersBackToBackDemosFit() {
    RepSettings rep = rep("ana", ZoneId.of("UTC"), 30, 0, 0, weekdays(8, 17));
    Taken taken = held(rep, at("2025-06-03T10:00:00Z"));

    assertThat(finder.verdict(rep, at("2025-06-03T10:30:00Z"), NOW, taken)).isEqualTo(Verdict.FREE);
    assertThat(finder.verdict(rep, at("2025-06-03T09:30:00Z"), NOW, taken)).isEqualTo(Verdict.FREE);
    assertThat(finder.verdict(rep, at("2025-06-03T10:15:00Z"), NOW, taken)).isEqualTo(Verdict.TAKEN);
  }

  // --- the rep's own calendar --------------------------------------------------------------------------------------

  @Test
  void aMeetingInTheRepsCalendarRemovesTheSlotsWhoseBuffersReachIt() {
    RepSettings rep = rep("ana", ZoneId.of("UTC"), 30, 10, 10, weekdays(8, 17));
    Taken meeting = new Taken(Map.of(), Map.of(),
        Map.of("ana", List.of(new BusyInterval(at("2025-06-03T11:05:00Z"), at("2025-06-03T12:00:00Z")))));

    // 10:30-11:00 plus 10 after reaches 11:10
    assertThat(finder.verdict(rep, at("2025-06-03T10:30:00Z"), NOW, meeting)).isEqualTo(Verdict.CALENDAR_BUSY);
    // 10:15-10:45 plus 10 after ends at 10:55
    assertThat(finder.verdict(rep, at("2025-06-03T10:15:00Z"), NOW, meeting)).isEqualTo(Verdict.FREE);
    // 12:00 minus 10 before starts at 11:50
    assertThat(finder.verdict(rep, at("2025-06-03T12:00:00Z"), NOW, meeting)).isEqualTo(Verdict.CALENDAR_BUSY);
    // 12:15 minus 10 before starts at 12:05; a meeting ending at 12:00 does not touch it
    assertThat(finder.verdict(rep, at("2025-06-03T12:15:00Z"), NOW, meeting)).isEqualTo(Verdict.FREE);

    List<Instant> free = finder.freeSlots(List.of(rep), NOW, at("2025-06-03T10:00:00Z"), at("2025-06-03T13:00:00Z"),
        meeting).stream().map(Slot::start).toList();
    assertThat(free).containsExactly(at("2025-06-03T10:00:00Z"), at("2025-06-03T10:15:00Z"),
        at("2025-06-03T12:15:00Z"), at("2025-06-03T12:30:00Z"), at("2025-06-03T12:45:00Z"));
  }

  @Test
  void anotherRepsMeetingDoesNotBlockThisRep() {
    RepSettings ana = rep("ana", ZoneId.of("UTC"), 30, 0, 0, weekdays(8, 17));
    Taken brunoBusy = new Taken(Map.of(), Map.of(),
        Map.of("bruno", List.of(new BusyInterval(at("2025-06-03T00:00:00Z"), at("2025-06-04T00:00:00Z")))));

    assertThat(finder.verdict(ana, at("2025-06-03T10:00:00Z"), NOW, brunoBusy)).isEqualTo(Verdict.FREE);
  }

  // --- several reps --------------------------------------------------------------------------------------------------

  @Test
  void severalRepsMergeIntoOneListWithEachRepsEnd() {
    RepSettings ana = rep("ana", ZoneId.of("UTC"), 30, 0, 0, Map.of(DayOfWeek.TUESDAY, List.of(hours(9, 10))));
    RepSettings bruno = rep("bruno", ZoneId.of("UTC"), 45, 0, 0, Map.of(DayOfWeek.TUESDAY, List.of(hours(9, 11))));
    Taken anaAtNine = held(ana, at("2025-06-03T09:00:00Z"));

    List<Slot> slots = finder.freeSlots(List.of(ana, bruno), NOW, at("2025-06-03T00:00:00Z"),
        at("2025-06-04T00:00:00Z"), anaAtNine);

    assertThat(slots).extracting(Slot::start).isSorted().doesNotHaveDuplicates()
        .containsExactly(at("2025-06-03T09:00:00Z"), at("2025-06-03T09:15:00Z"), at("2025-06-03T09:30:00Z"),
            at("2025-06-03T09:45:00Z"), at("2025-06-03T10:00:00Z"), at("2025-06-03T10:15:00Z"));
    assertThat(slots.get(0).endByRep()).containsExactly(Map.entry("bruno", at("2025-06-03T09:45:00Z")));
    assertThat(slots.get(2).endByRep()).containsOnly(Map.entry("ana", at("2025-06-03T10:00:00Z")),
        Map.entry("bruno", at("2025-06-03T10:15:00Z")));
    assertThat(slots.get(5).endByRep()).containsOnlyKeys("bruno");
  }

  @Test
  void theWindowIsHalfOpen() {
    RepSettings rep = rep("ana", ZoneId.of("UTC"), 30, 0, 0, weekdays(9, 17));

    assertThat(finder.freeSlots(List.of(rep), NOW, at("2025-06-03T10:00:00Z"), at("2025-06-03T11:00:00Z"),
        nothingTaken())).extracting(Slot::start).containsExactly(at("2025-06-03T10:00:00Z"),
        at("2025-06-03T10:15:00Z"), at("2025-06-03T10:30:00Z"), at("2025-06-03T10:45:00Z"));
  }

  // -----------------------------------------------------------------------------------------------------------------

  private static Instant at(String instant) {
    return Instant.parse(instant);
  }

  private static Hours hours(int fromHour, int toHour) {
    return new Hours(LocalTime.of(fromHour, 0), LocalTime.of(toHour, 0));
  }

  private static Map<DayOfWeek, List<Hours>> weekdays(int fromHour, int toHour) {
    Map<DayOfWeek, List<Hours>> week = new EnumMap<>(DayOfWeek.class);
    for (DayOfWeek day : List.of(DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY, DayOfWeek.THURSDAY,
        DayOfWeek.FRIDAY)) {
      week.put(day, List.of(hours(fromHour, toHour)));
    }
    return week;
  }

  private static RepSettings rep(String id, ZoneId zone, int minutes, int before, int after,
      Map<DayOfWeek, List<Hours>> hours) {
    return new RepSettings(id, zone, minutes, before, after, 0, 6, null, null, true, hours);
  }

  private static Taken nothingTaken() {
    return new Taken(Map.of(), Map.of(), Map.of());
  }

  private static Taken held(RepSettings rep, Instant start) {
    Set<Instant> blocks = new HashSet<>(BookingBlocks.of(rep, start, start.plus(rep.demoLength())));
    return new Taken(Map.of(rep.userId(), blocks), Map.of(), Map.of());
  }
}
