package io.escala.calendar;

/** The staff member's calendar did not answer (timeout, connection refused, 5xx) or refused Escala's credentials. */
public class CalendarUnavailableException extends RuntimeException {

  public CalendarUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }

  public CalendarUnavailableException(String message) {
    super(message);
  }
}
