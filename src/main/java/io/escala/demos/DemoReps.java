package io.escala.demos;

import io.escala.demos.RepSettings.Hours;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * The reps who give demos: the members of {@code escala.demos.rep-group}, each with their saved settings or the
 * configured defaults.
 */
@Repository
public class DemoReps {

  private static final SecureRandom RANDOM = new SecureRandom();

  private final JdbcClient jdbc;
  private final IdentityService identity;
  private final DemoProperties properties;
  private final Clock clock;

  public DemoReps(JdbcClient jdbc, IdentityService identity, DemoProperties properties, Clock clock) {
    this.jdbc = jdbc;
    this.identity = identity;
    this.properties = properties;
    this.clock = clock;
  }

  /** Every member of the reps' group, sorted by user id; those who are not accepting demos included. */
  public List<RepSettings> all() {
    List<String> members = members();
    Map<String, RepSettings> saved = new HashMap<>();
    loadSaved(null).forEach(settings -> saved.put(settings.userId(), settings));
    List<RepSettings> reps = new ArrayList<>();
    for (String member : members) {
      reps.add(saved.getOrDefault(member, defaults(member)));
    }
    return reps;
  }

  /** The reps offered to leads: members who accept demos. */
  public List<RepSettings> accepting() {
    return all().stream().filter(RepSettings::accepting).toList();
  }

  public boolean isRep(String userId) {
    return userId != null && members().contains(userId);
  }

  /** The rep's settings; defaults when they saved none. Empty when the user is not in the reps' group. */
  public Optional<RepSettings> find(String userId) {
    if (!isRep(userId)) {
      return Optional.empty();
    }
    return Optional.of(loadSaved(userId).stream().findFirst().orElse(defaults(userId)));
  }

  /** The rep's zone: theirs, or the defaults' for a user who is no longer a rep. */
  public ZoneId zoneOf(String userId) {
    return find(userId).map(RepSettings::timeZone).orElse(properties.defaults().timeZone());
  }

  public String displayName(String userId) {
    User user = identity.createUserQuery().userId(userId).singleResult();
    if (user == null) {
      return userId;
    }
    String name = ((user.getFirstName() == null ? "" : user.getFirstName()) + " "
        + (user.getLastName() == null ? "" : user.getLastName())).strip();
    return name.isEmpty() ? userId : name;
  }

  public Optional<String> email(String userId) {
    User user = identity.createUserQuery().userId(userId).singleResult();
    return user == null || user.getEmail() == null || user.getEmail().isBlank()
        ? Optional.empty() : Optional.of(user.getEmail());
  }

  /** Saves a rep's settings (validated by {@link RepSettings}); the feed token is kept. */
  @Transactional
  public void save(RepSettings settings) {
    feedToken(settings.userId()); // creates the row the first time
    OffsetDateTime now = OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
    jdbc.sql("UPDATE demo_rep SET time_zone = ?, demo_minutes = ?, buffer_before_minutes = ?,"
            + " buffer_after_minutes = ?, min_notice_minutes = ?, max_per_day = ?, meeting_link = ?, calendar_id = ?,"
            + " accepting = ?, updated_at = ? WHERE user_id = ?")
        .params(settings.timeZone().getId(), settings.demoMinutes(), settings.bufferBeforeMinutes(),
            settings.bufferAfterMinutes(), settings.minNoticeMinutes(), settings.maxPerDay(),
            blankToNull(settings.meetingLink()), blankToNull(settings.calendarId()), settings.accepting(), now,
            settings.userId())
        .update();
    jdbc.sql("DELETE FROM demo_rep_hours WHERE user_id = ?").param(settings.userId()).update();
    settings.hours().forEach((day, ranges) -> ranges.forEach(range -> jdbc.sql(
            "INSERT INTO demo_rep_hours (user_id, day_of_week, start_minute, end_minute) VALUES (?, ?, ?, ?)")
        .params(settings.userId(), day.getValue(), minutes(range.start()), minutes(range.end()))
        .update()));
  }

  /**
   * The secret of the rep's iCalendar feed URL, created with their row the first time it is asked for.
   */
  @Transactional
  public String feedToken(String userId) {
    Optional<String> token = jdbc.sql("SELECT feed_token FROM demo_rep WHERE user_id = ?").param(userId)
        .query(String.class).optional();
    if (token.isPresent()) {
      return token.get();
    }
    RepSettings defaults = defaults(userId);
    String created = newFeedToken();
    try {
      jdbc.sql("INSERT INTO demo_rep (user_id, time_zone, demo_minutes, buffer_before_minutes, buffer_after_minutes,"
              + " min_notice_minutes, max_per_day, feed_token, accepting, updated_at)"
              + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, TRUE, ?)")
          .params(userId, defaults.timeZone().getId(), defaults.demoMinutes(), defaults.bufferBeforeMinutes(),
              defaults.bufferAfterMinutes(), defaults.minNoticeMinutes(), defaults.maxPerDay(), created,
              OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC))
          .update();
      defaults.hours().forEach((day, ranges) -> ranges.forEach(range -> jdbc.sql(
              "INSERT INTO demo_rep_hours (user_id, day_of_week, start_minute, end_minute) VALUES (?, ?, ?, ?)")
          .params(userId, day.getValue(), minutes(range.start()), minutes(range.end()))
          .update()));
      return created;
    } catch (DuplicateKeyException createdConcurrently) {
      return jdbc.sql("SELECT feed_token FROM demo_rep WHERE user_id = ?").param(userId).query(String.class).single();
    }
  }

  /** A new feed URL for the rep; the old one stops working. */
  @Transactional
  public String renewFeedToken(String userId) {
    feedToken(userId);
    String renewed = newFeedToken();
    jdbc.sql("UPDATE demo_rep SET feed_token = ? WHERE user_id = ?").params(renewed, userId).update();
    return renewed;
  }

  /** The rep whose feed this secret opens. */
  public Optional<String> repOfFeed(String feedToken) {
    if (feedToken == null || feedToken.length() < 20 || feedToken.length() > 64) {
      return Optional.empty();
    }
    return jdbc.sql("SELECT user_id FROM demo_rep WHERE feed_token = ?").param(feedToken).query(String.class)
        .optional();
  }

  RepSettings defaults(String userId) {
    DemoProperties.Defaults d = properties.defaults();
    Map<DayOfWeek, List<Hours>> hours = new EnumMap<>(DayOfWeek.class);
    for (DayOfWeek day : List.of(DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY, DayOfWeek.THURSDAY,
        DayOfWeek.FRIDAY)) {
      hours.put(day, List.of(new Hours(d.dayStart(), d.dayEnd())));
    }
    return new RepSettings(userId, d.timeZone(), d.demoMinutes(), d.bufferBeforeMinutes(), d.bufferAfterMinutes(),
        d.minNoticeMinutes(), d.maxPerDay(), null, null, true, hours);
  }

  private List<String> members() {
    return identity.createUserQuery().memberOfGroup(properties.repGroup()).list().stream()
        .map(User::getId)
        .sorted(Comparator.naturalOrder())
        .toList();
  }

  private List<RepSettings> loadSaved(String onlyUser) {
    String where = onlyUser == null ? "" : " WHERE r.user_id = ?";
    Map<String, Map<DayOfWeek, List<Hours>>> hours = new HashMap<>();
    var hoursQuery = jdbc.sql("SELECT r.user_id, h.day_of_week, h.start_minute, h.end_minute FROM demo_rep r"
        + " JOIN demo_rep_hours h ON h.user_id = r.user_id" + where);
    if (onlyUser != null) {
      hoursQuery = hoursQuery.param(onlyUser);
    }
    hoursQuery.query(rs -> {
      hours.computeIfAbsent(rs.getString(1), id -> new EnumMap<>(DayOfWeek.class))
          .computeIfAbsent(DayOfWeek.of(rs.getInt(2)), day -> new ArrayList<>())
          .add(new Hours(time(rs.getInt(3)), time(rs.getInt(4))));
    });
    var query = jdbc.sql("SELECT user_id, time_zone, demo_minutes, buffer_before_minutes, buffer_after_minutes,"
        + " min_notice_minutes, max_per_day, meeting_link, calendar_id, accepting FROM demo_rep r" + where);
    if (onlyUser != null) {
      query = query.param(onlyUser);
    }
    return query.query((rs, n) -> new RepSettings(rs.getString(1), ZoneId.of(rs.getString(2)), rs.getInt(3),
            rs.getInt(4), rs.getInt(5), rs.getInt(6), rs.getInt(7), rs.getString(8), rs.getString(9),
            rs.getBoolean(10), hours.getOrDefault(rs.getString(1), Map.of())))
        .list();
  }

  private static int minutes(LocalTime time) {
    return time.getHour() * 60 + time.getMinute();
  }

  private static LocalTime time(int minutes) {
    return LocalTime.of(minutes / 60, minutes % 60);
  }

  private static String newFeedToken() {
    byte[] bytes = new byte[24];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.strip();
  }
}
