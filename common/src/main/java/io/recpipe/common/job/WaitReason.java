package io.recpipe.common.job;

/**
 * Why a job waits without using an attempt: something outside the recording failed. Each names the
 * dependency whose health it affects.
 */
public enum WaitReason {
  /** EmpowerID unreachable, 5xx, time-outs or an open circuit. */
  EMPOWERID_UNAVAILABLE("empowerid"),
  /**
   * EmpowerID refused our credentials or permission (401 after renewal, 403, token endpoint 4xx).
   */
  EMPOWERID_REFUSED("empowerid"),
  /** EmpowerID asked us to slow down (429). */
  EMPOWERID_RATE_LIMITED("empowerid"),
  /** Another process instance owns the session (409) after a takeover; waits past its time-out. */
  OWNER_CONFLICT("empowerid"),
  /** The video store is unreachable or failing (network, 5xx, throttling). */
  STORE_UNAVAILABLE("store"),
  /** No store is configured for the session's storage mode, or its access is refused. */
  STORE_NOT_CONFIGURED("store"),
  /** The local input file changed since it was listed (replaced or still being written). */
  INPUT_CHANGED("input"),
  /** The local disk is full (or the file system refuses writes). */
  DISK_FULL("disk"),
  /** The service was stopping while the job ran. */
  SHUTDOWN("service");

  private final String dependency;

  WaitReason(String dependency) {
    this.dependency = dependency;
  }

  /** The dependency this reason is about (empowerid, store, disk, service). */
  public String dependency() {
    return dependency;
  }
}
