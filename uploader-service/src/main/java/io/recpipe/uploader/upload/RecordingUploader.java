package io.recpipe.uploader.upload;

import io.recpipe.common.empowerid.EmpowerIdClient;
import io.recpipe.common.empowerid.EmpowerIdException;
import io.recpipe.common.empowerid.RecordingStep;
import io.recpipe.common.empowerid.StatusUpdate;
import io.recpipe.common.empowerid.StorageMode;
import io.recpipe.common.job.Claim;
import io.recpipe.common.job.JdbcJobStore;
import io.recpipe.common.job.Job;
import io.recpipe.common.job.LeaseKeeper;
import io.recpipe.common.job.PendingStatuses;
import io.recpipe.common.session.SessionId;
import io.recpipe.uploader.UploaderSettings;
import io.recpipe.uploader.store.Digests;
import io.recpipe.uploader.store.Metadata;
import io.recpipe.uploader.store.ObjectKey;
import io.recpipe.uploader.store.StoredObject;
import io.recpipe.uploader.store.VideoStoreException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Uploads one claimed recording: EmpowerID "Uploading", put and verify, then the job becomes {@code
 * DONE} with "Uploaded" pending in one update, and {@link PendingStatuses} sends it and handles the
 * local file.
 */
public class RecordingUploader {

  private static final Logger log = LoggerFactory.getLogger(RecordingUploader.class);

  /** What became of a claimed job in this run. */
  public enum Outcome {
    UPLOADED,
    RETRY,
    FAILED,
    RELEASED,
    DROPPED,
    LOST
  }

  private final JdbcJobStore jobs;
  private final EmpowerIdClient empowerId;
  private final StoreRouter router;
  private final StoreStatus storeStatus;
  private final KeyTemplate keys;
  private final LocalFiles files;
  private final PendingStatuses pending;
  private final UploadMetrics metrics;
  private final UploaderSettings.Upload settings;
  private final LeaseKeeper leases;
  private final Duration lease;
  private final String owner;
  private final Clock clock;

  public RecordingUploader(
      JdbcJobStore jobs,
      EmpowerIdClient empowerId,
      StoreRouter router,
      StoreStatus storeStatus,
      KeyTemplate keys,
      LocalFiles files,
      PendingStatuses pending,
      UploadMetrics metrics,
      UploaderSettings.Upload settings,
      LeaseKeeper leases,
      Duration lease,
      String owner,
      Clock clock) {
    this.jobs = jobs;
    this.empowerId = empowerId;
    this.router = router;
    this.storeStatus = storeStatus;
    this.keys = keys;
    this.files = files;
    this.pending = pending;
    this.metrics = metrics;
    this.settings = settings;
    this.leases = leases;
    this.lease = lease;
    this.owner = owner;
    this.clock = clock;
  }

  public Outcome upload(Claim claim) {
    Job job = claim.job();
    SessionId session = job.sessionId();
    Optional<StorageMode> mode = StorageMode.fromWire(job.detail());
    if (mode.isEmpty()) {
      return failed(job, "Unknown storage mode: " + job.detail());
    }
    Optional<StoreRouter.Target> target = router.route(mode.get());
    if (target.isEmpty()) {
      String store = router.kindFor(mode.get()).name().toLowerCase(java.util.Locale.ROOT);
      log.warn(
          "No store configured for the storage mode; job released. session: {}, mode: {},"
              + " store: {}",
          session,
          mode.get(),
          store);
      storeStatus.permanentFailure(store, "Store not configured: " + store);
      return release(session, "Store not configured: " + store);
    }
    Path mp4 = files.mp4(session);
    if (!Files.isRegularFile(mp4)) {
      return failed(job, "MP4 missing: " + mp4.getFileName());
    }
    Optional<Outcome> refused = announce(job);
    if (refused.isPresent()) {
      return refused.get();
    }
    return store(job, target.get(), mp4);
  }

  /** Tells EmpowerID "Uploading"; an outcome when the job must not go on. */
  private Optional<Outcome> announce(Job job) {
    try {
      StatusUpdate update =
          empowerId.updateRecordingStatus(
              job.sessionId(),
              RecordingStep.UPLOADING,
              "attempt " + job.attempts() + " of " + settings.maxAttempts());
      if (update == StatusUpdate.APPLIED) {
        return Optional.empty();
      }
      jobs.drop(job.sessionId(), owner, "EmpowerID answered " + update, clock.instant());
      log.warn("Session dropped. session: {}, answer: {}", job.sessionId(), update);
      return Optional.of(Outcome.DROPPED);
    } catch (EmpowerIdException e) {
      if (e.isTransient()) {
        return Optional.of(release(job.sessionId(), "EmpowerID unavailable: " + e.getMessage()));
      }
      return Optional.of(failed(job, "EmpowerID refused Uploading: " + e.getMessage()));
    }
  }

  private Outcome store(Job job, StoreRouter.Target target, Path mp4) {
    String storeName = target.store().name();
    Instant started = clock.instant();
    try {
      Metadata metadata = Digests.metadataOf(job.sessionId(), mp4);
      ObjectKey key = keys.render(target.prefix(), job.sessionId(), modified(mp4));
      StoredObject stored;
      try (LeaseKeeper.Renewal renewing = leases.keep(job.sessionId(), owner, lease)) {
        stored = target.store().put(mp4, key, metadata);
      }
      storeStatus.ok(storeName);
      metrics.stored(storeName, stored, Duration.between(started, clock.instant()));
      log.info(
          "Video stored. session: {}, store: {}, key: {}, bytes: {}, outcome: {}",
          job.sessionId(),
          storeName,
          stored.key(),
          stored.size(),
          stored.outcome());
      Optional<Job> done =
          jobs.complete(job.sessionId(), owner, RecordingStep.UPLOADED.name(), clock.instant());
      done.ifPresent(pending::settle);
      return done.isPresent() ? Outcome.UPLOADED : Outcome.LOST;
    } catch (VideoStoreException e) {
      metrics.failed(storeName, e.isTransient());
      if (!e.isTransient()) {
        log.warn("Store misconfigured; job released. store: {}", storeName, e);
        storeStatus.permanentFailure(storeName, e.getMessage());
        return release(job.sessionId(), e.getMessage());
      }
      log.warn("Upload failed. session: {}, store: {}", job.sessionId(), storeName, e);
      return failed(job, e.getMessage());
    } catch (UncheckedIOException e) {
      return failed(job, "Cannot read MP4: " + e.getMessage());
    }
  }

  private Outcome release(SessionId session, String reason) {
    jobs.release(session, owner, reason, clock.instant());
    return Outcome.RELEASED;
  }

  private Outcome failed(Job job, String error) {
    Instant now = clock.instant();
    Optional<Job> after =
        jobs.fail(
            job.sessionId(),
            owner,
            error,
            settings.maxAttempts(),
            now.plus(retryDelay(job.attempts())),
            RecordingStep.UPLOAD_FAILED.name(),
            now);
    if (after.isEmpty()) {
      return Outcome.LOST;
    }
    if (after.get().state().isFinal()) {
      log.error(
          "Upload given up; the local MP4 stays. session: {}, attempts: {}, error: {}",
          job.sessionId(),
          job.attempts(),
          error);
      pending.settle(after.get());
      return Outcome.FAILED;
    }
    return Outcome.RETRY;
  }

  /** The retry delay doubles after each failed attempt, capped. */
  private Duration retryDelay(int attempts) {
    Duration delay =
        settings.retryDelay().multipliedBy(1L << Math.min(20, Math.max(0, attempts - 1)));
    return delay.compareTo(settings.maxRetryDelay()) > 0 ? settings.maxRetryDelay() : delay;
  }

  private static Instant modified(Path mp4) {
    try {
      return Files.getLastModifiedTime(mp4).toInstant();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
