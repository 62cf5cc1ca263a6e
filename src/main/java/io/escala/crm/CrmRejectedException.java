package io.escala.crm;

/**
 * The CRM refused the request itself (a 4xx such as a validation error or a revoked token); retrying the same
 * request will not help, so the incident should carry the CRM's own explanation.
 */
public class CrmRejectedException extends RuntimeException {

  private final int status;

  public CrmRejectedException(int status, String message) {
    super(message);
    this.status = status;
  }

  /** HTTP status of the refusal. */
  public int status() {
    return status;
  }
}
