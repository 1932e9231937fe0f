package io.recpipe.common.job;

import io.recpipe.common.empowerid.EmpowerIdClient;
import io.recpipe.common.empowerid.EmpowerIdException;
import io.recpipe.common.empowerid.RecordingStep;
import io.recpipe.common.empowerid.SessionInfo;
import io.recpipe.common.empowerid.StatusUpdate;
import io.recpipe.common.session.SessionId;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The second step of a finished job. The job became final in one update that also stored the status
 * EmpowerID must hear ({@code pending_status}). Here that status is sent and cleared; once
 * EmpowerID took the service's success step ({@code PROCESSED}, {@code UPLOADED}) the service's
 * {@link Settlement} handles the local file. A crash or failed send leaves the status pending and
 * the next run repeats only this cheap part, so EmpowerID and the job store never disagree for
 * longer than one run.
 *
 * <p>The pending status is cleared before the local file is touched: a crash in between leaves a
 * file behind (never loses one) and never re-sends a status after the next service has moved the
 * session on.
 */
public class PendingStatuses {

  /** What a service does around the send; called on the thread that settles the job. */
  public interface Settlement {

    /** Before the status is sent (e.g. quarantine a failed job's recording); must not throw. */
    default void beforeSend(Job job) {}

    /** After EmpowerID took the success step and the status was cleared; must not throw. */
    void acknowledged(Job job);
  }

  private static final Logger log = LoggerFactory.getLogger(PendingStatuses.class);
  private static final int BATCH = 100;

  /**
   * How long taking a status keeps others from sending it: longer than a send with its retries
   * takes; only after a crash between take and clear does anyone wait for it to run out.
   */
  static final Duration SEND_LEASE = Duration.ofMinutes(5);

  /** How long a status EmpowerID refused because another instance owns the session waits. */
  static final Duration CONFLICT_PAUSE = Duration.ofSeconds(30);

  private static final Set<String> FAILURE_STEPS =
      Set.of(RecordingStep.PROCESSING_FAILED.name(), RecordingStep.UPLOAD_FAILED.name());

  private final JdbcJobStore jobs;
  private final EmpowerIdClient empowerId;
  private final RecordingStep success;
  private final Settlement settlement;
  private final String instance;
  private final Clock clock;

  /**
   * @param success the step after which {@link Settlement#acknowledged} runs
   * @param instance this process instance (the sender, in the jobs' history)
   */
  public PendingStatuses(
      JdbcJobStore jobs,
      EmpowerIdClient empowerId,
      RecordingStep success,
      Settlement settlement,
      String instance,
      Clock clock) {
    this.jobs = jobs;
    this.empowerId = empowerId;
    this.success = success;
    this.settlement = settlement;
    this.instance = instance;
    this.clock = clock;
  }

  /**
   * Sends every pending status; returns how many were settled. These are re-sends (a crash, a
   * failed send, a 409 earlier), so EmpowerID is first asked where each session stands (one polling
   * call): a status it already has, or one the session has moved past (another replica took it over
   * and finished), is cleared instead of being sent again, so EmpowerID never steps back.
   */
  public int resendAll() {
    List<Job> waiting = jobs.withPendingStatus(BATCH);
    if (waiting.isEmpty()) {
      return 0;
    }
    if (!empowerId.isAvailable()) {
      log.info("Pending status updates wait: EmpowerID is unavailable.");
      return 0;
    }
    Map<SessionId, SessionInfo> now;
    try {
      now = empowerId.poll(waiting.stream().map(Job::sessionId).toList());
    } catch (EmpowerIdException e) {
      log.info(
          "Polling before re-sending statuses failed; sending them unchecked. error: {}",
          e.getMessage());
      now = Map.of();
    }
    int settled = 0;
    for (Job job : waiting) {
      if (!empowerId.isAvailable()) {
        log.info("Pending status updates wait: EmpowerID is unavailable.");
        break;
      }
      SessionInfo info = now.get(job.sessionId());
      RecordingStep there = info == null ? null : info.recordingStatus();
      if (job.pendingStatus() != null
          && there != null
          && rank(there) >= rank(RecordingStep.valueOf(job.pendingStatus()))) {
        if (settleKnown(job, there)) {
          settled++;
        }
      } else if (settle(job)) {
        settled++;
      }
    }
    return settled;
  }

  /** EmpowerID already has the pending step, or is past it: cleared without sending. */
  private boolean settleKnown(Job job, RecordingStep there) {
    if (!jobs.takePendingStatus(job, SEND_LEASE, clock.instant())) {
      return false;
    }
    settlement.beforeSend(job);
    log.info(
        "EmpowerID already has this status or is past it; not sent again. session: {}, status: {},"
            + " EmpowerID: {}",
        job.sessionId(),
        job.pendingStatus(),
        there);
    jobs.clearPendingStatus(job.sessionId(), job.pendingStatus(), clock.instant());
    jobs.events()
        .statusSent(
            job.sessionId(),
            instance,
            RecordingStep.valueOf(job.pendingStatus()),
            "KNOWN",
            "not sent: EmpowerID has " + there,
            clock.instant());
    if (RecordingStep.valueOf(job.pendingStatus()) == success && rank(there) >= rank(success)) {
      settlement.acknowledged(job);
    }
    return true;
  }

  /** How far along a recording's life a step is; failures rank with the step they end. */
  static int rank(RecordingStep step) {
    return switch (step) {
      case RECORDED -> 0;
      case PROCESSING -> 1;
      case PROCESSED, PROCESSING_FAILED -> 2;
      case UPLOADING -> 3;
      case UPLOADED, UPLOAD_FAILED -> 4;
    };
  }

  /**
   * Takes the job's pending status (false when another run or instance already took or cleared it),
   * runs the settlement's first part, then sends the status; true when settled.
   */
  public boolean settle(Job job) {
    if (job.pendingStatus() != null && !jobs.takePendingStatus(job, SEND_LEASE, clock.instant())) {
      log.debug("Pending status taken by another run. session: {}", job.sessionId());
      return false;
    }
    settlement.beforeSend(job);
    if (job.pendingStatus() == null) {
      return true;
    }
    RecordingStep step = RecordingStep.valueOf(job.pendingStatus());
    StatusUpdate update;
    String detail = detail(job);
    try {
      update = empowerId.updateRecordingStatus(job.sessionId(), step, detail);
    } catch (EmpowerIdException e) {
      jobs.events()
          .statusSent(
              job.sessionId(),
              instance,
              step,
              "ERROR",
              detail + "; " + e.getMessage(),
              clock.instant());
      log.warn(
          "Status update failed; will send again next run. session: {}, status: {}",
          job.sessionId(),
          step,
          e);
      jobs.releasePendingStatus(job.sessionId(), job.pendingStatus(), clock.instant());
      return false;
    }
    jobs.events()
        .statusSent(job.sessionId(), instance, step, update.name(), detail, clock.instant());
    if (update == StatusUpdate.OWNED_ELSEWHERE) {
      // Another instance owns the session now (a takeover). The status stays pending and is sent
      // again after a pause, unless EmpowerID has moved past it by then.
      jobs.deferPendingStatus(
          job.sessionId(), job.pendingStatus(), clock.instant().plus(CONFLICT_PAUSE));
      log.warn(
          "EmpowerID refused the status: another process instance owns the session; will try"
              + " again later. session: {}, status: {}",
          job.sessionId(),
          step);
      return false;
    }
    if (update == StatusUpdate.APPLIED) {
      log.info("EmpowerID status sent. session: {}, status: {}", job.sessionId(), step);
    } else {
      log.warn(
          "EmpowerID did not take the status; giving up on telling it, local files stay."
              + " session: {}, status: {}, answer: {}",
          job.sessionId(),
          step,
          update);
    }
    jobs.clearPendingStatus(job.sessionId(), job.pendingStatus(), clock.instant());
    if (update == StatusUpdate.APPLIED && step == success) {
      settlement.acknowledged(job);
    }
    return true;
  }

  /**
   * A failure carries its last error (abbreviated); a success what the work said of its result
   * (e.g. the damaged ranges skipped), if anything, then the attempt count; anything else the
   * attempt count.
   */
  static String detail(Job job) {
    String error = job.lastError();
    if (FAILURE_STEPS.contains(job.pendingStatus()) && error != null) {
      return abbreviate(error, 200);
    }
    String attempt = "attempt " + job.attempts();
    String result = job.resultDetail();
    if (job.state() == JobState.DONE && result != null && !result.isBlank()) {
      return abbreviate(result, 400 - attempt.length() - 2) + "; " + attempt;
    }
    return attempt;
  }

  private static String abbreviate(String text, int max) {
    return text.length() <= max ? text : text.substring(0, max - 1) + "…";
  }
}
