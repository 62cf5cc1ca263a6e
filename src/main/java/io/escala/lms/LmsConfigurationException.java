package io.escala.lms;

/**
 * The LMS refused Escala's credentials or the permissions behind them; an administrator has to change a setting, so
 * retrying changes nothing.
 */
public class LmsConfigurationException extends LmsRefusedException {

  private final String property;

  /** @param property the Escala setting to check, e.g. {@code escala.lms.moodle.token} */
  public LmsConfigurationException(String errorCode, String property, String message) {
    super(errorCode, message);
    this.property = property;
  }

  public String property() {
    return property;
  }
}
