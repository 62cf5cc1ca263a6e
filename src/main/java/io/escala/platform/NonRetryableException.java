package io.escala.platform;

/**
 * A technical failure that no retry can fix: a wrong API key, a request the other side calls invalid, a setting
 * missing. Thrown out of a delegate, it makes the job an incident at once ({@link NonRetryableJobFailures}) instead
 * of after the {@code failedJobRetryTimeCycle}; the message should name what to fix. Found anywhere in the cause
 * chain. Business outcomes the diagram branches on stay {@code BpmnError}s.
 */
public class NonRetryableException extends RuntimeException {

  public NonRetryableException(String message) {
    super(message);
  }

  public NonRetryableException(String message, Throwable cause) {
    super(message, cause);
  }

  /** {@code true} when {@code failure} or one of its causes is a {@link NonRetryableException}. */
  public static boolean isIn(Throwable failure) {
    Throwable t = failure;
    for (int depth = 0; t != null && depth < 32; depth++, t = t.getCause()) {
      if (t instanceof NonRetryableException) {
        return true;
      }
    }
    return false;
  }
}
