package io.escala.llm;

import io.escala.platform.NonRetryableException;

/**
 * The API refused the request with a 4xx no retry can fix (401/403 key, 400 invalid request, 404 model or URL) and
 * fallback is off: the job becomes an incident at once, and its message names the settings to check.
 */
public class LanguageModelRejectedException extends NonRetryableException {

  public LanguageModelRejectedException(String message, Throwable cause) {
    super(message, cause);
  }
}
