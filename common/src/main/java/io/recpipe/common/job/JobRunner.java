package io.recpipe.common.job;

import io.recpipe.common.empowerid.EmpowerIdClient;
import io.recpipe.common.empowerid.EmpowerIdException;
import io.recpipe.common.empowerid.StatusUpdate;
import io.recpipe.common.job.WorkResult.Done;
import io.recpipe.common.job.WorkResult.Drop;
import io.recpipe.common.job.WorkResult.Failed;
import io.recpipe.common.job.WorkResult.Retry;
import io.recpipe.common.job.WorkResult.Wait;
import io.recpipe.common.session.SessionId;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The run loop both services share: send the statuses EmpowerID still has to hear, skip while
 * EmpowerID is unavailable, claim a batch by due time, and work on it in parallel; each job is
 * announced to EmpowerID (the service's working step), kept alive (lease renewal on a thread of its
 * own, EmpowerID heartbeats with progress) and settled from its {@link WorkResult}: attempts count
 * failures of the recording only, everything outside it waits with a reason and a due time.
 */
public final class JobRunner {

  private static final Logger log = LoggerFactory.getLogger(JobRunner.class);

  /** Why running work is being stopped. */
  enum Stop {
    SHUTDOWN,
    TAKEN_OVER,
    LEASE_LOST
  }

  /** A job being worked on: its thread, and why it is being stopped (null while it is not). */
  private static final class Running {
    private final Thread thread;
    private volatile Stop stop;

    private Running(Thread thread) {
      this.thread = thread;
    }
  }

  private final JdbcJobStore jobs;
  private final EmpowerIdClient empowerId;
  private final PendingStatuses pending;
  private final JobWork work;
  private final RunSettings settings;
  private final String owner;
  private final ExecutorService workers;
  private final LeaseKeeper leases;
  private final Heartbeats heartbeats;
  private final Clock clock;
  private final Map<SessionId, Running> running = new ConcurrentHashMap<>();
  private volatile boolean stopping;
  private volatile boolean paused;

  /**
   * @param workers runs the jobs of a batch in parallel (its size is the parallelism)
   * @param leases renews leases, on a timer thread nothing else uses
   * @param heartbeats sends EmpowerID heartbeats, on a timer thread of its own
   */
  public JobRunner(
      JdbcJobStore jobs,
      EmpowerIdClient empowerId,
      PendingStatuses pending,
      JobWork work,
      RunSettings settings,
      String owner,
      ExecutorService workers,
      LeaseKeeper leases,
      Heartbeats heartbeats,
      Clock clock) {
    this.jobs = jobs;
    this.empowerId = empowerId;
    this.pending = pending;
    this.work = work;
    this.settings = settings;
    this.owner = owner;
    this.workers = workers;
    this.leases = leases;
    this.heartbeats = heartbeats;
    this.clock = clock;
  }

  /** What one run did. */
  public record RunResult(boolean skipped, int statusesSettled, Map<Outcome, Integer> outcomes) {

    public int count(Outcome outcome) {
      return outcomes.getOrDefault(outcome, 0);
    }

    public int claimed() {
      return outcomes.values().stream().mapToInt(Integer::intValue).sum();
    }
  }

  /**
   * Once before the first run: the service's own clean-up, then this instance's jobs left {@code
   * RUNNING} by its previous life are made claimable at once (their next claim counts an attempt).
   */
  public void startUp() {
    work.startUp();
    jobs.expireLeasesOf(owner, clock.instant());
  }

  public String owner() {
    return owner;
  }

  public JdbcJobStore jobs() {
    return jobs;
  }

  /**
   * Stops claiming (an operator's pause, on this instance only and until it restarts or is
   * resumed): runs still send the statuses EmpowerID must hear, and work already running goes on.
   */
  public void pause() {
    if (!paused) {
      paused = true;
      log.info("Claiming paused. jobs: {}, instance: {}", jobs.table(), owner);
    }
  }

  /** Claims again from the next run on. */
  public void resume() {
    if (paused) {
      paused = false;
      log.info("Claiming resumed. jobs: {}, instance: {}", jobs.table(), owner);
    }
  }

  public boolean isPaused() {
    return paused;
  }

  /** The sessions this instance is working on right now. */
  public Set<SessionId> runningNow() {
    return Set.copyOf(running.keySet());
  }

  public RunResult runOnce() throws InterruptedException {
    if (stopping) {
      return new RunResult(true, 0, Map.of());
    }
    int settled = pending.resendAll();
    if (paused) {
      log.debug("Run skipped: claiming is paused. jobs: {}", jobs.table());
      return new RunResult(true, settled, Map.of());
    }
    if (!empowerId.isAvailable()) {
      log.info("Run skipped: EmpowerID is unavailable (circuit open). jobs: {}", jobs.table());
      return new RunResult(true, settled, Map.of());
    }
    // A job whose owner died is claimed on its own: no other job shares its run (or its attempt,
    // should it kill this process too). Others that are due wait for the next run, a second later.
    List<Claim> claims = jobs.claimReclaimable(owner, 1, settings.lease(), clock.instant());
    if (claims.isEmpty()) {
      claims =
          jobs.claimDue(
              owner,
              settings.retryBatch(),
              settings.batchSize(),
              settings.lease(),
              clock.instant());
    }
    var outcomes = new EnumMap<Outcome, Integer>(Outcome.class);
    // A job whose last run died may be what killed the process: it runs alone, so if it kills the
    // process again, no other job loses an attempt with it.
    Map<SessionId, LeaseKeeper.Renewal> renewals = new java.util.HashMap<>();
    claims.forEach(c -> renewals.put(c.job().sessionId(), keepLease(c.job().sessionId())));
    List<Claim> fresh = new ArrayList<>();
    for (int i = 0; i < claims.size(); i++) {
      Claim claim = claims.get(i);
      if (!claim.reclaimed()) {
        fresh.add(claim);
        continue;
      }
      try {
        outcomes.merge(runAlone(claim, renewals.get(claim.job().sessionId())), 1, Integer::sum);
      } catch (InterruptedException e) {
        // This run's thread is stopped: what has not started goes back without an attempt.
        for (Claim left : claims.subList(i + 1, claims.size())) {
          renewals.get(left.job().sessionId()).close();
          settle(left, shutdownWait("the service stopped before the work began"));
        }
        fresh.forEach(
            left -> {
              renewals.get(left.job().sessionId()).close();
              settle(left, shutdownWait("the service stopped before the work began"));
            });
        throw e;
      }
    }
    List<Future<Outcome>> futures = new ArrayList<>();
    for (Claim claim : fresh) {
      LeaseKeeper.Renewal renewal = renewals.get(claim.job().sessionId());
      try {
        futures.add(workers.submit(() -> runJob(claim, renewal)));
      } catch (RejectedExecutionException stopped) {
        renewal.close();
        Outcome outcome = settle(claim, shutdownWait("the service stopped before the work began"));
        outcomes.merge(outcome, 1, Integer::sum);
      }
    }
    for (int i = 0; i < futures.size(); i++) {
      Outcome outcome;
      try {
        outcome = futures.get(i).get();
      } catch (ExecutionException e) {
        log.warn("Settling a job broke. session: {}", fresh.get(i).job().sessionId(), e.getCause());
        outcome = Outcome.LOST;
      }
      outcomes.merge(outcome, 1, Integer::sum);
    }
    if (!claims.isEmpty() || settled > 0) {
      log.info(
          "Run done. jobs: {}, claimed: {}, outcomes: {}, statuses settled: {}",
          jobs.table(),
          claims.size(),
          outcomes,
          settled);
    }
    return new RunResult(false, settled, outcomes);
  }

  private Outcome runAlone(Claim claim, LeaseKeeper.Renewal renewal) throws InterruptedException {
    try {
      return workers.submit(() -> runJob(claim, renewal)).get();
    } catch (RejectedExecutionException stopped) {
      renewal.close();
      return settle(claim, shutdownWait("the service stopped before the work began"));
    } catch (ExecutionException e) {
      log.warn("Settling a job broke. session: {}", claim.job().sessionId(), e.getCause());
      return Outcome.LOST;
    }
  }

  /**
   * Stops claiming, lets running work finish within {@code grace}, then stops what is left: it is
   * put back without using an attempt (its child processes are ended by the work's interrupt).
   */
  public void stop(Duration grace) {
    stopping = true;
    workers.shutdown();
    try {
      if (!running.isEmpty()) {
        log.info(
            "Stopping: waiting for running work. jobs: {}, running: {}, grace: {}",
            jobs.table(),
            running.keySet(),
            grace);
      }
      if (!workers.awaitTermination(grace.toMillis(), TimeUnit.MILLISECONDS)) {
        log.warn(
            "Stopping: work still running after the grace period is stopped and put back without"
                + " using an attempt. jobs: {}, running: {}",
            jobs.table(),
            running.keySet());
        running.values().forEach(r -> interrupt(r, Stop.SHUTDOWN));
        if (!workers.awaitTermination(30, TimeUnit.SECONDS)) {
          log.warn("Stopping: work did not end after being interrupted. running: {}", running);
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      heartbeats.close();
    }
  }

  /**
   * Runs one claimed job and settles it. Its lease is renewed from the claim on (a job waiting in
   * the batch behind a long one keeps it too) until it is settled.
   */
  private Outcome runJob(Claim claim, LeaseKeeper.Renewal renewal) {
    SessionId id = claim.job().sessionId();
    var entry = new Running(Thread.currentThread());
    running.put(id, entry);
    // Every line of the job's work, on this worker thread, carries session, job and instance.
    try (renewal;
        var logContext = JobLogContext.open(claim.job(), jobs.table(), owner)) {
      if (claim.reclaimed() && claim.job().attempts() > settings.maxAttempts()) {
        return failAtLimit(claim);
      }
      WorkResult result = attempt(claim, entry);
      // Settle with a clear interrupt flag: an interrupted thread's file and socket channels close
      // (H2's file store among them), and the settling must reach the database.
      Thread.interrupted();
      return settle(claim, stopped(entry, result));
    } finally {
      running.remove(id);
      Thread.interrupted(); // the pool thread goes on with a clear flag
    }
  }

  private LeaseKeeper.Renewal keepLease(SessionId id) {
    return leases.keep(
        id,
        owner,
        settings.lease(),
        () -> {
          Running entry = running.get(id);
          if (entry != null) {
            interrupt(entry, Stop.LEASE_LOST);
          }
        });
  }

  private WorkResult attempt(Claim claim, Running entry) {
    Job job = claim.job();
    SessionId id = job.sessionId();
    try {
      if (stopping) {
        return shutdownWait("the service was stopping before the work began");
      }
      Optional<WorkResult> early = work.prepare(claim);
      if (early.isPresent()) {
        return early.get();
      }
      Optional<WorkResult> refused = announce(claim);
      if (refused.isPresent()) {
        return refused.get();
      }
      var progress =
          new JobProgress("attempt %d of %d".formatted(job.attempts(), settings.maxAttempts()));
      try (Heartbeats.Beat beat =
          heartbeats.start(
              id,
              work.workingStep(),
              progress,
              () -> interrupt(entry, Stop.TAKEN_OVER),
              (answer, detail) ->
                  jobs.events()
                      .statusSent(
                          id, owner, work.workingStep(), answer, detail, clock.instant()))) {
        return work.run(claim, progress);
      }
    } catch (InterruptedException e) {
      return new Retry("Interrupted");
    } catch (RuntimeException e) {
      if (entry.stop == null) {
        log.warn("Work on a job broke unexpectedly. session: {}", id, e);
      }
      return new Retry("Unexpected error: " + e);
    } catch (OutOfMemoryError e) {
      // The recording asked for more memory than the service has (a poison recording). Where the
      // JVM survives it (no -XX:+ExitOnOutOfMemoryError), it is an attempt like any failure.
      log.warn("Work on a job ran out of memory. session: {}", id, e);
      return new Retry("Out of memory: " + e.getMessage());
    }
  }

  /** When the work was stopped from outside, anything but success means the stop's wait. */
  private WorkResult stopped(Running entry, WorkResult result) {
    Stop stop = entry.stop;
    if (stop == null || result instanceof Done) {
      return result;
    }
    return switch (stop) {
      case SHUTDOWN -> shutdownWait("the service stopped while the work ran");
      case TAKEN_OVER -> ownerConflict("taken over by another process instance during the work");
      case LEASE_LOST -> result; // no longer ours: settling finds that and counts it lost
    };
  }

  private void interrupt(Running entry, Stop stop) {
    if (entry.stop == null) {
      entry.stop = stop;
    }
    entry.thread.interrupt();
  }

  /** Tells EmpowerID the working step; a result when the job must not go on. */
  private Optional<WorkResult> announce(Claim claim) {
    Job job = claim.job();
    SessionId id = job.sessionId();
    String detail = "attempt %d of %d".formatted(job.attempts(), settings.maxAttempts());
    StatusUpdate update;
    try {
      update = empowerId.updateRecordingStatus(id, work.workingStep(), detail);
    } catch (EmpowerIdException e) {
      jobs.events()
          .statusSent(
              id, owner, work.workingStep(), "ERROR", detail + "; " + e.getMessage(), now());
      return Optional.of(empowerIdFailure(e, "EmpowerID did not take " + work.workingStep()));
    }
    jobs.events().statusSent(id, owner, work.workingStep(), update.name(), detail, now());
    return switch (update) {
      case APPLIED -> {
        jobs.markAnnounced(id, owner, clock.instant());
        yield Optional.empty();
      }
      case OWNED_ELSEWHERE ->
          Optional.of(
              job.announcedBy() != null || claim.reclaimed()
                  ? ownerConflict("owned by another process instance (409) after a takeover")
                  : new Drop("Owned by another process instance (409); never worked on here"));
      case UNKNOWN_SESSION -> Optional.of(new Failed("EmpowerID does not know the session", false));
    };
  }

  private Instant now() {
    return clock.instant();
  }

  /** How a failed EmpowerID call affects the job: a wait, unless the refusal is about it. */
  public static WorkResult empowerIdFailure(EmpowerIdException e, String what) {
    String message = what + ": " + e.getMessage();
    if (e.isTransient()) {
      return new Wait(WaitReason.EMPOWERID_UNAVAILABLE, message);
    }
    if (e.isAuthRefusal()) {
      return new Wait(WaitReason.EMPOWERID_REFUSED, message);
    }
    if (e.isRateLimited()) {
      return new Wait(WaitReason.EMPOWERID_RATE_LIMITED, message);
    }
    return new Retry(message);
  }

  private Wait ownerConflict(String message) {
    return new Wait(
        WaitReason.OWNER_CONFLICT,
        "Session " + message + "; trying again after the owner time-out",
        settings.ownerTimeout().plus(settings.ownerTimeout().dividedBy(10)));
  }

  private static Wait shutdownWait(String message) {
    return new Wait(WaitReason.SHUTDOWN, message, Duration.ZERO);
  }

  /** Its owner died during each of its attempts: it fails without running again. */
  private Outcome failAtLimit(Claim claim) {
    String error =
        "The service stopped (crash, kill or out of memory) during each of its %d attempts"
            .formatted(settings.maxAttempts());
    Optional<Job> failed =
        jobs.failAtLimit(
            claim.job().sessionId(), owner, error, work.failedStep().name(), clock.instant());
    if (failed.isEmpty()) {
      return Outcome.LOST;
    }
    log.error(
        "Recording given up on. session: {}, attempts: {}, error: {}",
        claim.job().sessionId(),
        failed.get().attempts(),
        error);
    pending.settle(failed.get());
    return Outcome.FAILED;
  }

  private Outcome settle(Claim claim, WorkResult result) {
    Job job = claim.job();
    SessionId id = job.sessionId();
    Instant now = clock.instant();
    if (result instanceof Done done) {
      Optional<Job> completed = jobs.complete(id, owner, done.status().name(), done.detail(), now);
      completed.ifPresent(pending::settle);
      return completed.isPresent() ? Outcome.DONE : Outcome.LOST;
    }
    if (result instanceof Wait wait) {
      Duration after = wait.after() != null ? wait.after() : settings.waitDelayAfter(job.waits());
      Optional<Job> waiting =
          jobs.putBack(id, owner, wait.reason(), wait.message(), now.plus(after), now);
      waiting.ifPresent(
          w ->
              log.info(
                  "Job waits without using an attempt. session: {}, reason: {}, until: {},"
                      + " message: {}",
                  id,
                  wait.reason(),
                  w.nextAttemptAt(),
                  wait.message()));
      return waiting.isPresent() ? Outcome.WAITING : Outcome.LOST;
    }
    if (result instanceof Drop drop) {
      log.warn("Job dropped. session: {}, reason: {}", id, drop.reason());
      return jobs.drop(id, owner, drop.reason(), now).isPresent() ? Outcome.DROPPED : Outcome.LOST;
    }
    Optional<Job> after;
    String error;
    if (result instanceof Failed failed) {
      error = failed.error();
      String status = failed.tellEmpowerId() ? work.failedStep().name() : null;
      after = jobs.failPermanently(id, owner, error, status, now);
    } else {
      error = ((Retry) result).error();
      after =
          jobs.fail(
              id,
              owner,
              error,
              settings.maxAttempts(),
              now.plus(settings.retryDelayAfter(job.attempts())),
              work.failedStep().name(),
              now);
    }
    if (after.isEmpty()) {
      return Outcome.LOST;
    }
    if (after.get().state() == JobState.FAILED) {
      log.error(
          "Recording given up on. session: {}, attempts: {}, error: {}",
          id,
          after.get().attempts(),
          error);
      pending.settle(after.get());
      return Outcome.FAILED;
    }
    log.warn(
        "Attempt failed; will retry. session: {}, attempt: {} of {}, next attempt: {}, error: {}",
        id,
        after.get().attempts(),
        settings.maxAttempts(),
        after.get().nextAttemptAt(),
        error);
    return Outcome.RETRY;
  }
}
