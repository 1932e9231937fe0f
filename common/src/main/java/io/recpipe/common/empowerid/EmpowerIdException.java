package io.recpipe.common.empowerid;

/**
 * A call to EmpowerID failed. {@link #isTransient()} says whether trying again later may help (5xx,
 * time-outs, connection errors, an open circuit) or not (other 4xx, a malformed answer).
 */
public class EmpowerIdException extends RuntimeException {

  private final boolean transientFailure;

  public EmpowerIdException(String message, boolean transientFailure, Throwable cause) {
    super(message, cause);
    this.transientFailure = transientFailure;
  }

  public EmpowerIdException(String message, boolean transientFailure) {
    this(message, transientFailure, null);
  }

  public boolean isTransient() {
    return transientFailure;
  }
}
