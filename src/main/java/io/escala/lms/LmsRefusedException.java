package io.escala.lms;

/** The LMS refused the request (unknown course, invalid data, learner not enrolled): retrying changes nothing. */
public class LmsRefusedException extends RuntimeException {

  private final String errorCode;

  /** @param errorCode the LMS's own code for the refusal, e.g. Moodle's {@code invalidrecord} */
  public LmsRefusedException(String errorCode, String message) {
    super(message);
    this.errorCode = errorCode;
  }

  public String errorCode() {
    return errorCode;
  }
}
