package io.escala.platform;

import java.time.Clock;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Escala's clock is the engine's clock, so tests that move time with {@code ClockUtil} move link expiry and
 * timestamps with it.
 */
@Configuration(proxyBeanMethods = false)
public class ClockConfiguration {

  @Bean
  Clock clock() {
    return new EngineClock();
  }

  static final class EngineClock extends Clock {
    @Override
    public java.time.ZoneId getZone() {
      return java.time.ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return Clock.fixed(instant(), zone);
    }

    @Override
    public java.time.Instant instant() {
      return ClockUtil.getCurrentTime().toInstant();
    }
  }
}
