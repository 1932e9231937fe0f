package io.recpipe.common.job;

import java.time.Duration;

/**
 * How a service's {@link JobRunner} works.
 *
 * @param retryBatch at most this many failed jobs due for a retry per run
 * @param batchSize jobs per run in all, filled up with what else is due
 * @param maxAttempts attempts (failures of the recording, or deaths of the service during the work)
 *     before a recording is given up on
 * @param retryDelay the wait after the first failed attempt; doubled after each further one
 * @param maxRetryDelay the longest wait between attempts
 * @param waitDelay the first wait of a job put back for something outside the recording; doubled
 *     for each further put-back in a row
 * @param maxWaitDelay the longest such wait
 * @param lease how long a claim holds without renewal (renewed every third of it)
 * @param heartbeat how often EmpowerID hears the working step again while the work runs
 * @param ownerTimeout EmpowerID's owner time-out: a job that met another owner waits this long
 */
public record RunSettings(
    int retryBatch,
    int batchSize,
    int maxAttempts,
    Duration retryDelay,
    Duration maxRetryDelay,
    Duration waitDelay,
    Duration maxWaitDelay,
    Duration lease,
    Duration heartbeat,
    Duration ownerTimeout) {

  public RunSettings {
    if (batchSize < 1 || retryBatch < 0 || maxAttempts < 1) {
      throw new IllegalArgumentException(
          "batch-size and max-attempts must be at least 1, retry-batch at least 0");
    }
    if (lease.compareTo(Duration.ofSeconds(1)) < 0) {
      throw new IllegalArgumentException("The lease must be at least 1s, was: " + lease);
    }
    if (heartbeat.multipliedBy(2).compareTo(ownerTimeout) > 0) {
      throw new IllegalArgumentException(
          "The EmpowerID heartbeat must come at least twice per owner time-out. heartbeat: "
              + heartbeat
              + ", owner time-out: "
              + ownerTimeout);
    }
  }

  /** The wait after {@code attempts} failed attempts: doubling, capped. */
  public Duration retryDelayAfter(int attempts) {
    return doubling(retryDelay, maxRetryDelay, attempts - 1);
  }

  /** The wait of a job put back after {@code waits} put-backs in a row: doubling, capped. */
  public Duration waitDelayAfter(int waits) {
    return doubling(waitDelay, maxWaitDelay, waits);
  }

  static Duration doubling(Duration first, Duration max, int doublings) {
    Duration delay = first;
    for (int i = 0; i < doublings && delay.compareTo(max) < 0; i++) {
      delay = delay.multipliedBy(2);
    }
    return delay.compareTo(max) > 0 ? max : delay;
  }
}
