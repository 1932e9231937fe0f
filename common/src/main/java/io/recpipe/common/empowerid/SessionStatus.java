package io.recpipe.common.empowerid;

/** Where a gateway session stands, as EmpowerID reports it. */
public enum SessionStatus {
  ACTIVE,
  CLOSED,
  TERMINATED;

  /** Whether the session is over, so its recording is complete. */
  public boolean isOver() {
    return this != ACTIVE;
  }
}
