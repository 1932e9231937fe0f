package io.recpipe.encoder.scan;

/**
 * What one scan did, for its summary log line and tests.
 *
 * @param skipped whether the run was skipped (EmpowerID unavailable, or the directory unreadable)
 * @param files recordings with safe names found
 * @param unsafeNames files whose names are not safe session ids (left alone)
 * @param known recordings that already have a job
 * @param busy recordings still being written (locked, or their size changed)
 * @param polled sessions asked about
 * @param notReady sessions still active, not recorded, or unknown to EmpowerID
 * @param queued new jobs
 */
public record ScanResult(
    boolean skipped,
    int files,
    int unsafeNames,
    int known,
    int busy,
    int polled,
    int notReady,
    int queued) {

  static ScanResult skippedRun() {
    return new ScanResult(true, 0, 0, 0, 0, 0, 0, 0);
  }
}
