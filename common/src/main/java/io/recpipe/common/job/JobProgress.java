package io.recpipe.common.job;

/** The latest word on a job's progress, written by the work and read by the heartbeat. */
public final class JobProgress {

  private volatile String detail;

  public JobProgress(String initial) {
    this.detail = initial;
  }

  /** A short human-readable note, e.g. {@code 42% converted}. */
  public void update(String detail) {
    this.detail = detail;
  }

  public String detail() {
    return detail;
  }
}
