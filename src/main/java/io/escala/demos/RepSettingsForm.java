package io.escala.demos;

import io.escala.demos.RepSettings.Hours;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The staff page's settings form, as typed: numbers and hours are text until {@link #check} reads them, so a typo
 * comes back as a message next to the form rather than a binding error. Working hours are one field per weekday,
 * ranges separated by commas ("09:00-13:00, 14:00-18:00"); blank means the day is not worked.
 */
public class RepSettingsForm {

  private String timeZone;
  private String demoMinutes;
  private String bufferBeforeMinutes;
  private String bufferAfterMinutes;
  private String minNoticeMinutes;
  private String maxPerDay;
  private String meetingLink;
  private String calendarId;
  private boolean accepting;
  private Map<DayOfWeek, String> hours = new EnumMap<>(DayOfWeek.class);

  /** What the form reads as: saved settings, or the message keys of what is wrong. */
  record Checked(RepSettings settings, List<String> problems) {}

  static RepSettingsForm of(RepSettings settings) {
    RepSettingsForm form = new RepSettingsForm();
    form.timeZone = settings.timeZone().getId();
    form.demoMinutes = String.valueOf(settings.demoMinutes());
    form.bufferBeforeMinutes = String.valueOf(settings.bufferBeforeMinutes());
    form.bufferAfterMinutes = String.valueOf(settings.bufferAfterMinutes());
    form.minNoticeMinutes = String.valueOf(settings.minNoticeMinutes());
    form.maxPerDay = String.valueOf(settings.maxPerDay());
    form.meetingLink = settings.meetingLink();
    form.calendarId = settings.calendarId();
    form.accepting = settings.accepting();
    for (DayOfWeek day : DayOfWeek.values()) {
      form.hours.put(day, settings.hours().getOrDefault(day, List.of()).stream()
          .map(range -> range.start() + "-" + range.end()).collect(Collectors.joining(", ")));
    }
    return form;
  }

  Checked check(String userId) {
    Set<String> problems = new LinkedHashSet<>();
    ZoneId zone = null;
    try {
      zone = ZoneId.of(timeZone == null ? "" : timeZone.strip());
    } catch (DateTimeException e) {
      problems.add("demos.settings.error.zone");
    }
    int length = number(demoMinutes, "demos.settings.error.length", problems);
    int before = number(bufferBeforeMinutes, "demos.settings.error.buffer", problems);
    int after = number(bufferAfterMinutes, "demos.settings.error.buffer", problems);
    int notice = number(minNoticeMinutes, "demos.settings.error.notice", problems);
    int cap = number(maxPerDay, "demos.settings.error.cap", problems);
    Map<DayOfWeek, List<Hours>> ranges = ranges(problems);
    if (meetingLink != null && meetingLink.strip().length() > 500
        || calendarId != null && calendarId.strip().length() > 500) {
      problems.add("demos.settings.error.tooLong");
    }
    if (problems.isEmpty()) {
      problems.addAll(RepSettings.problems(length, before, after, notice, cap, meetingLink, ranges));
    }
    if (!problems.isEmpty()) {
      return new Checked(null, List.copyOf(problems));
    }
    return new Checked(new RepSettings(userId, zone, length, before, after, notice, cap, blankToNull(meetingLink),
        blankToNull(calendarId), accepting, ranges), List.of());
  }

  private Map<DayOfWeek, List<Hours>> ranges(Set<String> problems) {
    Map<DayOfWeek, List<Hours>> ranges = new EnumMap<>(DayOfWeek.class);
    for (DayOfWeek day : DayOfWeek.values()) {
      String typed = hours.get(day);
      if (typed == null || typed.isBlank()) {
        continue;
      }
      List<Hours> dayRanges = new ArrayList<>();
      for (String range : typed.split(",")) {
        String[] ends = range.strip().split("\\s*-\\s*");
        try {
          if (ends.length != 2) {
            throw new DateTimeParseException("not a range", range, 0);
          }
          dayRanges.add(new Hours(LocalTime.parse(ends[0].strip()), LocalTime.parse(ends[1].strip())));
        } catch (DateTimeParseException e) {
          problems.add("demos.settings.error.hours");
        }
      }
      ranges.put(day, dayRanges);
    }
    return ranges;
  }

  private static int number(String typed, String problem, Set<String> problems) {
    try {
      return Integer.parseInt(typed == null ? "" : typed.strip());
    } catch (NumberFormatException e) {
      problems.add(problem);
      return 0;
    }
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.strip();
  }

  public String getTimeZone() {
    return timeZone;
  }

  public void setTimeZone(String timeZone) {
    this.timeZone = timeZone;
  }

  public String getDemoMinutes() {
    return demoMinutes;
  }

  public void setDemoMinutes(String demoMinutes) {
    this.demoMinutes = demoMinutes;
  }

  public String getBufferBeforeMinutes() {
    return bufferBeforeMinutes;
  }

  public void setBufferBeforeMinutes(String bufferBeforeMinutes) {
    this.bufferBeforeMinutes = bufferBeforeMinutes;
  }

  public String getBufferAfterMinutes() {
    return bufferAfterMinutes;
  }

  public void setBufferAfterMinutes(String bufferAfterMinutes) {
    this.bufferAfterMinutes = bufferAfterMinutes;
  }

  public String getMinNoticeMinutes() {
    return minNoticeMinutes;
  }

  public void setMinNoticeMinutes(String minNoticeMinutes) {
    this.minNoticeMinutes = minNoticeMinutes;
  }

  public String getMaxPerDay() {
    return maxPerDay;
  }

  public void setMaxPerDay(String maxPerDay) {
    this.maxPerDay = maxPerDay;
  }

  public String getMeetingLink() {
    return meetingLink;
  }

  public void setMeetingLink(String meetingLink) {
    this.meetingLink = meetingLink;
  }

  public String getCalendarId() {
    return calendarId;
  }

  public void setCalendarId(String calendarId) {
    this.calendarId = calendarId;
  }

  public boolean isAccepting() {
    return accepting;
  }

  public void setAccepting(boolean accepting) {
    this.accepting = accepting;
  }

  public Map<DayOfWeek, String> getHours() {
    return hours;
  }

  public void setHours(Map<DayOfWeek, String> hours) {
    this.hours = new EnumMap<>(DayOfWeek.class);
    if (hours != null) {
      this.hours.putAll(hours);
    }
  }

  /** What the day's field shows. */
  public String hoursOf(DayOfWeek day) {
    return hours.getOrDefault(day, "");
  }

  /** Weekdays in the form's order, Monday first. */
  public static List<DayOfWeek> weekdays() {
    return List.of(DayOfWeek.values());
  }
}
