package io.escala.lms;

import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code escala.lms.*}: where courses' lessons and learners' progress live.
 *
 * @param provider {@code built-in} (Escala's own lesson list) or {@code moodle}
 */
@ConfigurationProperties("escala.lms")
public record LmsProperties(@DefaultValue("built-in") Provider provider, @DefaultValue Moodle moodle) {

  public enum Provider {
    BUILT_IN,
    MOODLE
  }

  /**
   * @param baseUrl the Moodle site's address, e.g. {@code https://campus.example.com} (web services are below it)
   * @param token a web service token of a service that allows the functions {@link MoodleLms} calls
   * @param timeout connect and read timeout of every call, well below Camunda's job lock
   * @param studentRoleId the role given on enrolment; 5 is Moodle's "student"
   */
  public record Moodle(
      URI baseUrl, String token, @DefaultValue("PT10S") Duration timeout, @DefaultValue("5") int studentRoleId) {

    @Override
    public String toString() {
      return "Moodle[baseUrl=" + baseUrl + ", token=" + (token == null || token.isBlank() ? "<empty>" : "****")
          + ", timeout=" + timeout + ", studentRoleId=" + studentRoleId + "]";
    }
  }
}
