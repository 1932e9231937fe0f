package io.recpipe.common.empowerid;

/** The expected outcomes of a recording-status update (anything else is an exception). */
public enum StatusUpdate {
  /** 204: EmpowerID has the new status. */
  APPLIED,
  /** 404: EmpowerID does not know the session. */
  UNKNOWN_SESSION,
  /** 409: another process instance owns the session; drop it, do not retry. */
  OWNED_ELSEWHERE
}
