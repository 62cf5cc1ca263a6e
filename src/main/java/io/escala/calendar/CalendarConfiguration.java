package io.escala.calendar;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Exactly one {@link StaffCalendar} bean: the adapter whose {@link StaffCalendar#provider()} is
 * {@code escala.calendar.provider}.
 *
 * <p>Adapters are listed here by name rather than as conditional beans: a provider without an adapter then stops
 * start-up with a message naming the property, not with a "no bean of type StaffCalendar" in whichever flow needs
 * it first. Only the configured adapter is built, so only its settings are checked.
 */
@Configuration(proxyBeanMethods = false)
class CalendarConfiguration {

  @Bean
  StaffCalendar staffCalendar(CalendarProperties properties, Clock clock) {
    Map<String, Supplier<StaffCalendar>> adapters = new LinkedHashMap<>();
    adapters.put(BuiltInCalendar.PROVIDER, BuiltInCalendar::new);
    adapters.put(CalDavCalendar.PROVIDER, () -> new CalDavCalendar(properties.caldav(), clock));
    adapters.put("google", () -> {
      CalendarProperties.Google google = properties.google();
      return new GoogleCalendar(new GoogleCalendar.Settings(string(google.baseUrl()), string(google.tokenUri()),
          google.clientId(), google.clientSecret(), google.refreshToken(), google.timeout()), clock);
    });
    return chosen(properties.provider(), adapters);
  }

  private static String string(java.net.URI uri) {
    return uri == null ? null : uri.toString();
  }

  static StaffCalendar chosen(String provider, Map<String, Supplier<StaffCalendar>> adapters) {
    String name = provider == null ? "" : provider.strip();
    Supplier<StaffCalendar> adapter = adapters.get(name);
    if (adapter == null) {
      throw new IllegalStateException("escala.calendar.provider is '" + name + "', but this build has no calendar"
          + " adapter of that name; use one of " + String.join(", ", adapters.keySet()));
    }
    StaffCalendar calendar = adapter.get();
    if (!name.equals(calendar.provider())) {
      throw new IllegalStateException("The calendar adapter listed as '" + name + "' calls itself '"
          + calendar.provider() + "'");
    }
    return calendar;
  }
}
