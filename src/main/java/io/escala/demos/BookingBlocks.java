package io.escala.demos;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The 5-minute blocks of a rep's time a demo holds: from its start minus the buffer before to its end plus the buffer
 * after, on a grid of whole 5-minute steps since the epoch. Two demos of one rep that overlap (buffers included)
 * share a block; {@code demo_rep_block}'s primary key lets one hold it.
 */
final class BookingBlocks {

  static final Duration BLOCK = Duration.ofMinutes(5);
  private static final long BLOCK_SECONDS = BLOCK.toSeconds();

  private BookingBlocks() {}

  static List<Instant> of(RepSettings rep, Instant start, Instant end) {
    Instant from = floor(start.minus(Duration.ofMinutes(rep.bufferBeforeMinutes())));
    Instant to = end.plus(Duration.ofMinutes(rep.bufferAfterMinutes()));
    List<Instant> blocks = new ArrayList<>();
    for (Instant block = from; block.isBefore(to); block = block.plus(BLOCK)) {
      blocks.add(block);
    }
    return blocks;
  }

  static Instant floor(Instant instant) {
    long seconds = instant.getEpochSecond();
    return Instant.ofEpochSecond(seconds - Math.floorMod(seconds, BLOCK_SECONDS));
  }
}
