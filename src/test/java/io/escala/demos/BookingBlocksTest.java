package io.escala.demos;

import static org.assertj.core.api.Assertions.assertThat;

import io.escala.demos.RepSettings.Hours;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BookingBlocksTest {

  private static final Instant TEN = Instant.parse("2025-06-03T10:00:00Z");

  @Test
  void aDemoWithTenMinuteBuffersHoldsTheBlocksFromTenBeforeToTenAfter() {
    List<Instant> blocks = BookingBlocks.of(rep(10, 10), TEN, TEN.plusSeconds(30 * 60));

    assertThat(blocks).hasSize(10);
    assertThat(blocks.get(0)).isEqualTo(Instant.parse("2025-06-03T09:50:00Z"));
    assertThat(blocks.get(9)).isEqualTo(Instant.parse("2025-06-03T10:35:00Z")); // the block 10:35-10:40, the last
    assertThat(blocks).doesNotHaveDuplicates().isSorted();
  }

  @Test
  void withoutBuffersADemoHoldsExactlyItsOwnTime() {
    assertThat(BookingBlocks.of(rep(0, 0), TEN, TEN.plusSeconds(15 * 60)))
        .containsExactly(TEN, Instant.parse("2025-06-03T10:05:00Z"), Instant.parse("2025-06-03T10:10:00Z"));
  }

  @Test
  void unevenBuffersAreAppliedOnTheirOwnSide() {
    List<Instant> blocks = BookingBlocks.of(rep(0, 20), TEN, TEN.plusSeconds(10 * 60));

    assertThat(blocks).first().isEqualTo(TEN);
    assertThat(blocks).last().isEqualTo(Instant.parse("2025-06-03T10:25:00Z"));
  }

  @Test
  void twoDemosWhoseBuffersTouchShareNoBlock() {
    RepSettings rep = rep(10, 10);
    List<Instant> first = BookingBlocks.of(rep, TEN, TEN.plusSeconds(30 * 60)); // holds until 10:40
    List<Instant> next = BookingBlocks.of(rep, TEN.plusSeconds(50 * 60), TEN.plusSeconds(80 * 60)); // from 10:40

    assertThat(first).doesNotContainAnyElementsOf(next);
  }

  @Test
  void floorGoesDownToTheFiveMinuteGridSinceTheEpoch() {
    assertThat(BookingBlocks.floor(Instant.parse("2025-06-03T10:04:59.900Z"))).isEqualTo(TEN);
    assertThat(BookingBlocks.floor(TEN)).isEqualTo(TEN);
    assertThat(BookingBlocks.floor(Instant.parse("1969-12-31T23:58:00Z")))
        .isEqualTo(Instant.parse("1969-12-31T23:55:00Z"));
  }

  private static RepSettings rep(int before, int after) {
    return new RepSettings("ana", ZoneId.of("UTC"), 30, before, after, 0, 6, null, null, true,
        Map.of(DayOfWeek.TUESDAY, List.of(new Hours(LocalTime.of(9, 0), LocalTime.of(17, 0)))));
  }
}
