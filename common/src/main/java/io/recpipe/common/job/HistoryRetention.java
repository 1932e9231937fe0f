package io.recpipe.common.job;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * Keeps the job history table ({@link JobEvents}) from growing without end: every {@code
 * recpipe.history.prune-interval} (default 6 h) it deletes the history older than {@code
 * recpipe.history.retention} (default 90 days) of sessions whose job is done or forgotten, in
 * batches. History of failed, waiting or running jobs is kept. Several instances pruning at once is
 * harmless (a delete of what another already deleted deletes nothing).
 */
public class HistoryRetention {

  private static final Logger log = LoggerFactory.getLogger(HistoryRetention.class);
  private static final int BATCH = 5_000;
  private static final int MAX_BATCHES = 100;

  private final JobEvents events;
  private final Duration retention;
  private final Clock clock;

  public HistoryRetention(JdbcJobStore jobs, Duration retention, Clock clock) {
    if (retention.isNegative() || retention.isZero()) {
      throw new IllegalArgumentException("recpipe.history.retention must be positive");
    }
    this.events = jobs.events();
    this.retention = retention;
    this.clock = clock;
  }

  @Scheduled(
      initialDelayString = "${recpipe.history.prune-initial-delay:10m}",
      fixedDelayString = "${recpipe.history.prune-interval:6h}")
  void scheduled() {
    try {
      pruneOnce();
    } catch (DataAccessException e) {
      log.warn("Job history not pruned; will try again next interval.", e);
    }
  }

  /**
   * Deletes what is past retention now, a batch at a time.
   *
   * @return the rows deleted
   */
  public int pruneOnce() {
    Instant before = clock.instant().minus(retention);
    int total = 0;
    for (int batch = 0; batch < MAX_BATCHES; batch++) {
      int deleted = events.prune(before, BATCH);
      total += deleted;
      if (deleted < BATCH) {
        break;
      }
    }
    if (total > 0) {
      log.info("Job history pruned. rows: {}, older than: {}", total, before);
    }
    return total;
  }
}
