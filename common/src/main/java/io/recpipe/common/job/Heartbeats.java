package io.recpipe.common.job;

import io.recpipe.common.empowerid.EmpowerIdClient;
import io.recpipe.common.empowerid.RecordingStep;
import io.recpipe.common.empowerid.StatusUpdate;
import io.recpipe.common.session.SessionId;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * EmpowerID heartbeats for long work: the working step again, with the latest progress as detail,
 * every {@code interval}, so EmpowerID's watchdog sees the owner alive. A {@code 409} means another
 * instance took the session over: the work is told to stop. Runs on a thread of its own (a slow
 * EmpowerID never delays lease renewal); a failed heartbeat is only logged.
 */
public final class Heartbeats implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(Heartbeats.class);

  private final EmpowerIdClient empowerId;
  private final Duration interval;
  private final ScheduledExecutorService timer;

  public Heartbeats(EmpowerIdClient empowerId, Duration interval, String threadName) {
    this.empowerId = empowerId;
    this.interval = interval;
    this.timer =
        Executors.newSingleThreadScheduledExecutor(
            runnable -> {
              Thread thread = new Thread(runnable, threadName);
              thread.setDaemon(true);
              return thread;
            });
  }

  /** Heartbeats in progress; closing stops them. */
  public interface Beat extends AutoCloseable {
    @Override
    void close();
  }

  /** Hears each heartbeat sent: EmpowerID's answer ({@code ERROR} when none) and the detail. */
  public interface Sent {
    void sent(String answer, String detail);
  }

  /**
   * Starts sending {@code step} with {@code progress} for the session until closed; {@code sent}
   * hears each one.
   */
  public Beat start(
      SessionId id, RecordingStep step, JobProgress progress, Runnable onTakenOver, Sent sent) {
    long period = Math.max(100, interval.toMillis());
    var takenOver = new AtomicBoolean();
    ScheduledFuture<?> task =
        timer.scheduleWithFixedDelay(
            JobLogContext.carrying(() -> beat(id, step, progress, onTakenOver, takenOver, sent)),
            period,
            period,
            TimeUnit.MILLISECONDS);
    return () -> task.cancel(false);
  }

  private void beat(
      SessionId id,
      RecordingStep step,
      JobProgress progress,
      Runnable onTakenOver,
      AtomicBoolean takenOver,
      Sent sent) {
    String detail = progress.detail();
    try {
      StatusUpdate update = empowerId.updateRecordingStatus(id, step, detail);
      sent.sent(update.name(), detail);
      if (update == StatusUpdate.OWNED_ELSEWHERE && takenOver.compareAndSet(false, true)) {
        log.warn(
            "Session taken over by another process instance during the work; stopping it."
                + " session: {}",
            id);
        onTakenOver.run();
      } else {
        log.debug("Heartbeat sent. session: {}, detail: {}", id, progress.detail());
      }
    } catch (RuntimeException e) {
      log.info("Heartbeat not sent. session: {}, error: {}", id, e.getMessage());
      sent.sent("ERROR", detail + "; " + e.getMessage());
    }
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
