package io.escala.crm;

/**
 * The CRM could not be reached or asked us to slow down (I/O error, timeout, 429, 5xx). Thrown out of the delegate,
 * so Camunda retries the job and, when retries run out, raises an incident.
 */
public class CrmUnavailableException extends RuntimeException {

  public CrmUnavailableException(String message) {
    super(message);
  }

  public CrmUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
