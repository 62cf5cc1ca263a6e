package io.escala.lms;

import io.escala.platform.MissingSettingException;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Exactly one {@link Lms}: Escala's own by default, Moodle when configured; start-up names a missing setting. */
@Configuration(proxyBeanMethods = false)
class LmsConfiguration {

  private static final Logger log = LoggerFactory.getLogger(LmsConfiguration.class);

  @Bean
  Lms lms(LmsProperties settings, JdbcClient jdbc, Clock clock) {
    Lms lms = switch (settings.provider()) {
      case BUILT_IN -> new BuiltInLms(jdbc, clock);
      case MOODLE -> {
        LmsProperties.Moodle moodle = settings.moodle();
        if (moodle.baseUrl() == null) {
          throw new MissingSettingException("escala.lms.moodle.base-url",
              "escala.lms.provider is moodle, so set the Moodle site's address, or set escala.lms.provider=built-in");
        }
        if (moodle.token() == null || moodle.token().isBlank()) {
          throw new MissingSettingException("escala.lms.moodle.token", "escala.lms.provider is moodle, so set a web"
              + " service token (Site administration → Server → Web services → Manage tokens), or set"
              + " escala.lms.provider=built-in");
        }
        yield new MoodleLms(moodle);
      }
    };
    log.info("Courses' lessons and progress in the {} LMS", lms.provider());
    return lms;
  }
}
