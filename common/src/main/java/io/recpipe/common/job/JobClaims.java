package io.recpipe.common.job;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Picks candidates with a plain {@code SELECT} and claims each with one conditional update through
 * {@link JobTransitions}; a candidate another instance claimed first is skipped and the select is
 * repeated (a few rounds at most) to fill the batch.
 */
final class JobClaims {

  private static final int CLAIM_ROUNDS = 5;

  private final JdbcClient jdbc;
  private final String table;
  private final JobTransitions transitions;

  JobClaims(JdbcClient jdbc, String table, JobTransitions transitions) {
    this.jdbc = jdbc;
    this.table = table;
    this.transitions = transitions;
  }

  void claimFrom(
      String where,
      List<Object> params,
      int upTo,
      String owner,
      Duration lease,
      Instant now,
      List<Claim> claims) {
    for (int round = 0; round < CLAIM_ROUNDS && claims.size() < upTo; round++) {
      var statement =
          jdbc.sql(
                  "SELECT %s FROM %s WHERE %s LIMIT %d"
                      .formatted(JobRows.COLUMNS, table, where, upTo - claims.size()))
              .params(params);
      List<Job> candidates = statement.query(JobRows::map).list();
      if (candidates.isEmpty()) {
        return;
      }
      for (Job candidate : candidates) {
        var next =
            new JobTransitions.Move(
                JobState.RUNNING,
                candidate.attempts() + 1,
                null,
                candidate.lastError(),
                owner,
                now.plus(lease),
                candidate.pendingStatus(),
                null,
                candidate.waits());
        transitions
            .move(candidate, next, now, null)
            .ifPresent(job -> claims.add(new Claim(job, candidate.state())));
      }
    }
  }
}
