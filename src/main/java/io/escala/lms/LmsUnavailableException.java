package io.escala.lms;

/** The LMS did not answer in time or failed; the job is retried. */
public class LmsUnavailableException extends RuntimeException {

  public LmsUnavailableException(String message) {
    super(message);
  }

  public LmsUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
