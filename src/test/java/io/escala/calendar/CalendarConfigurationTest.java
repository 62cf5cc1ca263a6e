package io.escala.calendar;

import static org.assertj.core.api.Assertions.assertThat;

import io.escala.platform.MissingSettingException;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

class CalendarConfigurationTest {

  @Configuration(proxyBeanMethods = false)
  @EnableConfigurationProperties(CalendarProperties.class)
  static class WithClock {
    @Bean
    Clock clock() {
      return Clock.systemUTC();
    }
  }

  private final ApplicationContextRunner context =
      new ApplicationContextRunner().withUserConfiguration(WithClock.class, CalendarConfiguration.class);

  @Test
  void without_settings_the_built_in_calendar_is_the_one_staff_calendar() {
    context.run(app -> assertThat(app).getBean(StaffCalendar.class).isInstanceOf(BuiltInCalendar.class));
  }

  @Test
  void caldav_with_an_account_is_the_caldav_adapter() {
    context.withPropertyValues("escala.calendar.provider=caldav", "escala.calendar.caldav.username=escala",
            "escala.calendar.caldav.password=secret")
        .run(app -> assertThat(app.getBean(StaffCalendar.class).provider()).isEqualTo("caldav"));
  }

  @Test
  void caldav_without_a_username_stops_start_up_naming_the_property() {
    context.withPropertyValues("escala.calendar.provider=caldav", "escala.calendar.caldav.password=secret")
        .run(app -> assertThat(app).hasFailed().getFailure()
            .hasRootCauseInstanceOf(MissingSettingException.class)
            .rootCause().hasMessageContaining("escala.calendar.caldav.username"));
  }

  @Test
  void a_provider_without_an_adapter_stops_start_up_naming_the_property_and_the_known_ones() {
    context.withPropertyValues("escala.calendar.provider=outlook")
        .run(app -> assertThat(app).hasFailed().getFailure().rootCause()
            .hasMessageContaining("escala.calendar.provider is 'outlook'")
            .hasMessageContaining("built-in, caldav, google"));
  }

  @Test
  void google_with_its_oauth_client_is_the_google_adapter() {
    context.withPropertyValues("escala.calendar.provider=google", "escala.calendar.google.client-id=client",
            "escala.calendar.google.client-secret=secret", "escala.calendar.google.refresh-token=refresh")
        .run(app -> assertThat(app.getBean(StaffCalendar.class)).isInstanceOf(GoogleCalendar.class));
  }

  @Test
  void google_without_a_refresh_token_stops_start_up_naming_the_property() {
    context.withPropertyValues("escala.calendar.provider=google", "escala.calendar.google.client-id=client",
            "escala.calendar.google.client-secret=secret")
        .run(app -> assertThat(app).hasFailed().getFailure()
            .hasRootCauseInstanceOf(MissingSettingException.class)
            .rootCause().hasMessageContaining("escala.calendar.google.refresh-token"));
  }

  @Test
  void the_settings_print_no_secret() {
    CalendarProperties.CalDav caldav = new CalendarProperties.CalDav("escala", "pa55word", null, null, null);
    CalendarProperties.Google google =
        new CalendarProperties.Google(null, null, "client", "client-s3cret", "refresh-s3cret", null);

    assertThat(caldav.toString()).doesNotContain("pa55word");
    assertThat(google.toString()).doesNotContain("client-s3cret").doesNotContain("refresh-s3cret");
  }
}
