package io.recpipe.common.admin;

import io.recpipe.common.job.Job;
import io.recpipe.common.job.JobEvent;
import io.recpipe.common.job.JobState;
import io.recpipe.common.job.WaitReason;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** What the admin API answers, as JSON. */
public final class AdminViews {

  private AdminViews() {}

  /** One job as stored. */
  public record JobView(
      String session,
      JobState state,
      int attempts,
      Instant nextAttemptAt,
      String lastError,
      String owner,
      Instant leaseUntil,
      String detail,
      String pendingStatus,
      Instant createdAt,
      Instant updatedAt,
      WaitReason waitReason,
      int waits,
      String resultDetail) {

    static JobView of(Job job) {
      return new JobView(
          job.sessionId().value(),
          job.state(),
          job.attempts(),
          job.nextAttemptAt(),
          job.lastError(),
          job.owner(),
          job.leaseUntil(),
          job.detail(),
          job.pendingStatus(),
          job.createdAt(),
          job.updatedAt(),
          job.waitReason(),
          job.waits(),
          job.resultDetail());
    }
  }

  /**
   * A page of jobs with the counts.
   *
   * @param total how many jobs match the filter
   * @param counts jobs per state (all of them, not only the filter's)
   * @param waiting {@code WAITING} jobs per reason
   */
  public record JobPage(
      JobState state,
      WaitReason reason,
      int page,
      int size,
      long total,
      Map<JobState, Long> counts,
      Map<WaitReason, Long> waiting,
      List<JobView> jobs) {}

  /** The job that has waited longest, and since when. */
  public record Oldest(String session, JobState state, Instant since, long waitingSeconds) {}

  /**
   * The service at a glance.
   *
   * @param runningHere the sessions this instance works on now
   * @param otherConsole the other service's console, when configured
   */
  public record Summary(
      String service,
      String instance,
      boolean paused,
      Map<JobState, Long> counts,
      Map<WaitReason, Long> waiting,
      Oldest oldestWaiting,
      List<String> runningHere,
      String otherConsole) {}

  /** A word sent to EmpowerID during (or after) an attempt. */
  public record Word(Instant at, String instance, String word, String answer, String detail) {}

  /**
   * One attempt: from its claim to the next claim (or requeue). Words sent after it settled (the
   * final status, a re-send) belong to it.
   *
   * @param outcome the state it settled to; null while it runs (or when its owner died)
   * @param durationMillis from claim to settlement; null while it runs
   */
  public record Attempt(
      int number,
      Instant claimedAt,
      String instance,
      JobState claimedFrom,
      Instant settledAt,
      JobState outcome,
      WaitReason waitReason,
      String error,
      Long durationMillis,
      List<Word> words) {}

  /**
   * One session's history.
   *
   * @param job the job as stored now; null when it was forgotten
   * @param attempts every attempt, oldest first
   * @param events the raw history, oldest first
   */
  public record Timeline(
      String session, JobView job, List<Attempt> attempts, List<JobEvent> events) {}

  /** What became of one session asked to be requeued. */
  public record Requeued(String session, boolean requeued, String problem) {}

  /** The answer to a requeue of one or many sessions. */
  public record RequeueAnswer(int requeued, int refused, List<Requeued> sessions) {}

  /** The answer to a forget. */
  public record Forgot(String session, String result) {}

  /** Whether this instance claims work. */
  public record Claiming(String instance, boolean paused) {}

  /** Settlements in one hour. */
  public record Hour(Instant start, int claimed, int done, int failed, int retried, int waited) {}

  /** Throughput and failures per hour, oldest hour first. */
  public record Activity(Instant from, Instant to, List<Hour> hours) {}
}
