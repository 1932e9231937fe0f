package io.recpipe.common.empowerid;

/**
 * A call to EmpowerID failed. {@link #isTransient()} says whether trying again later may help (5xx,
 * time-outs, connection errors, an open circuit) or not (other 4xx, a malformed answer). {@link
 * #isAuthRefusal()} and {@link #isRateLimited()} single out refusals that are about this service's
 * credentials or pace rather than about the session: a job waits them out without using an attempt.
 */
public class EmpowerIdException extends RuntimeException {

  private final boolean transientFailure;
  private final int status;
  private final boolean authRefusal;

  public EmpowerIdException(String message, boolean transientFailure, Throwable cause) {
    super(message, cause);
    this.transientFailure = transientFailure;
    this.status = 0;
    this.authRefusal = false;
  }

  public EmpowerIdException(String message, boolean transientFailure) {
    this(message, transientFailure, null);
  }

  /**
   * A refusal with the HTTP status EmpowerID answered.
   *
   * @param authRefusal whether it refused our credentials or permission (a token endpoint 4xx, a
   *     401 after renewal, a 403)
   */
  public EmpowerIdException(String message, int status, boolean authRefusal) {
    super(message);
    this.transientFailure = false;
    this.status = status;
    this.authRefusal = authRefusal;
  }

  public boolean isTransient() {
    return transientFailure;
  }

  /** The HTTP status of a refusal; 0 when there was no answer or it was not a refusal. */
  public int status() {
    return status;
  }

  /** EmpowerID refused this service's credentials or permission. */
  public boolean isAuthRefusal() {
    return authRefusal;
  }

  /** EmpowerID asked this service to slow down (429). */
  public boolean isRateLimited() {
    return status == 429;
  }
}
