package io.escala.demos;

import io.escala.platform.PersonalDataHolder;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** A person's demos and the cases keyed by them; a booked demo that is erased frees its time ({@link DemoBookings}). */
@Component
class DemoPersonalData implements PersonalDataHolder {

  private final JdbcClient jdbc;
  private final DemoBookings bookings;

  DemoPersonalData(JdbcClient jdbc, DemoBookings bookings) {
    this.jdbc = jdbc;
    this.bookings = bookings;
  }

  @Override
  public Set<String> caseKeys(String normalizedEmail) {
    return new HashSet<>(jdbc.sql("SELECT booking_key FROM demo_booking WHERE email = ?")
        .param(normalizedEmail.toLowerCase(Locale.ROOT)).query(String.class).list());
  }

  @Override
  public void erase(String normalizedEmail) {
    bookings.erase(normalizedEmail.toLowerCase(Locale.ROOT));
  }
}
