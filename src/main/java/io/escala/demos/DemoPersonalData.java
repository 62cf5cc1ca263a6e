package io.escala.demos;

import io.escala.platform.PersonalDataHolder;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * A person's demos (their bookings and the blocks they hold; the rep's day counts are not personal) and the cases
 * keyed by them. A booked demo that is erased frees its time.
 */
@Component
class DemoPersonalData implements PersonalDataHolder {

  private final JdbcClient jdbc;
  private final DemoReps reps;

  DemoPersonalData(JdbcClient jdbc, DemoReps reps) {
    this.jdbc = jdbc;
    this.reps = reps;
  }

  @Override
  public Set<String> caseKeys(String normalizedEmail) {
    return new HashSet<>(jdbc.sql("SELECT booking_key FROM demo_booking WHERE email = ?")
        .param(normalizedEmail.toLowerCase(Locale.ROOT)).query(String.class).list());
  }

  @Override
  public void erase(String normalizedEmail) {
    String email = normalizedEmail.toLowerCase(Locale.ROOT);
    // booked demos give their place in the rep's day back (the day in the rep's zone)
    jdbc.sql("SELECT rep_id, starts_at FROM demo_booking WHERE email = ? AND status = 'BOOKED'").param(email)
        .query((rs, n) -> {
          String rep = rs.getString(1);
          java.time.ZoneId zone = reps.find(rep).map(RepSettings::timeZone).orElse(java.time.ZoneOffset.UTC);
          return new Object[] {rep, rs.getTimestamp(2).toInstant().atZone(zone).toLocalDate()};
        })
        .list()
        .forEach(day -> jdbc.sql("UPDATE demo_rep_day SET booked = booked - 1 WHERE rep_id = ? AND local_day = ?"
            + " AND booked > 0").params(day).update());
    jdbc.sql("DELETE FROM demo_booking WHERE email = ?").param(email).update();
  }
}
