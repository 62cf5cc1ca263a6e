package io.escala.demos;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * A rep's demo settings. Times are in the rep's zone; every length is a multiple of 5 minutes (the block size of
 * {@link BookingBlocks}).
 *
 * @param meetingLink a fixed video-meeting link; null: a new room per demo
 * @param calendarId the rep's calendar at the configured provider; null: none connected
 * @param accepting false: offered no new slots (holiday, left the team)
 * @param hours working hours per weekday; a day without ranges is not worked
 */
public record RepSettings(
    String userId,
    ZoneId timeZone,
    int demoMinutes,
    int bufferBeforeMinutes,
    int bufferAfterMinutes,
    int minNoticeMinutes,
    int maxPerDay,
    String meetingLink,
    String calendarId,
    boolean accepting,
    Map<DayOfWeek, List<Hours>> hours) {

  public RepSettings {
    List<String> problems = problems(demoMinutes, bufferBeforeMinutes, bufferAfterMinutes, minNoticeMinutes,
        maxPerDay, meetingLink, hours);
    if (!problems.isEmpty()) {
      throw new InvalidSettingsException(problems);
    }
    EnumMap<DayOfWeek, List<Hours>> copy = new EnumMap<>(DayOfWeek.class);
    hours.forEach((day, ranges) -> copy.put(day, ranges.stream().sorted().toList()));
    hours = Collections.unmodifiableMap(copy);
  }

  public Duration demoLength() {
    return Duration.ofMinutes(demoMinutes);
  }

  /** A working-hours range of one day, {@code [start, end)}. */
  public record Hours(LocalTime start, LocalTime end) implements Comparable<Hours> {

    @Override
    public int compareTo(Hours other) {
      return start.compareTo(other.start);
    }
  }

  /**
   * Message keys (in the {@code demos} bundle) of what is wrong with these values; empty when they are fine. The staff
   * page shows them; the constructor refuses any.
   */
  public static List<String> problems(int demoMinutes, int bufferBefore, int bufferAfter, int minNotice, int maxPerDay,
      String meetingLink, Map<DayOfWeek, List<Hours>> hours) {
    List<String> problems = new ArrayList<>();
    if (demoMinutes < 10 || demoMinutes > 240 || demoMinutes % 5 != 0) {
      problems.add("demos.settings.error.length");
    }
    if (bufferBefore < 0 || bufferBefore > 120 || bufferBefore % 5 != 0 || bufferAfter < 0 || bufferAfter > 120
        || bufferAfter % 5 != 0) {
      problems.add("demos.settings.error.buffer");
    }
    if (minNotice < 0 || minNotice > 20160) {
      problems.add("demos.settings.error.notice");
    }
    if (maxPerDay < 0 || maxPerDay > 50) {
      problems.add("demos.settings.error.cap");
    }
    if (meetingLink != null && !meetingLink.isBlank() && !meetingLink.startsWith("https://")) {
      problems.add("demos.settings.error.link");
    }
    if (hours == null) {
      problems.add("demos.settings.error.hours");
    } else {
      for (List<Hours> ranges : hours.values()) {
        List<Hours> sorted = ranges.stream().sorted().toList();
        for (int i = 0; i < sorted.size(); i++) {
          Hours range = sorted.get(i);
          boolean empty = !range.end().isAfter(range.start());
          boolean overlaps = i > 0 && sorted.get(i - 1).end().isAfter(range.start());
          if (empty || overlaps || range.start().getMinute() % 5 != 0 || range.end().getMinute() % 5 != 0) {
            problems.add("demos.settings.error.hours");
            return problems;
          }
        }
      }
    }
    return problems;
  }

  /** Settings a rep cannot save; {@link #problems()} are message keys. */
  public static class InvalidSettingsException extends IllegalArgumentException {

    private final List<String> problems;

    InvalidSettingsException(List<String> problems) {
      super("Invalid demo settings: " + problems);
      this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
      return problems;
    }
  }
}
