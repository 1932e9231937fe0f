package io.recpipe.uploader.upload;

import io.recpipe.common.empowerid.RecordingStep;
import io.recpipe.common.empowerid.StorageMode;
import io.recpipe.common.job.Claim;
import io.recpipe.common.job.Job;
import io.recpipe.common.job.JobProgress;
import io.recpipe.common.job.JobWork;
import io.recpipe.common.job.PendingStatuses;
import io.recpipe.common.job.WaitReason;
import io.recpipe.common.job.WorkResult;
import io.recpipe.common.session.SessionId;
import io.recpipe.uploader.scan.InputChangedException;
import io.recpipe.uploader.scan.Mp4File;
import io.recpipe.uploader.store.Metadata;
import io.recpipe.uploader.store.ObjectKey;
import io.recpipe.uploader.store.StoredObject;
import io.recpipe.uploader.store.VideoStore;
import io.recpipe.uploader.store.VideoStoreException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The uploader's work on one claimed job ({@link JobWork}): put and verify the sidecars beside the
 * MP4, then the MP4 last, so a stored MP4 means its sidecars are stored (each under the MP4's key
 * with its own extension, write-once like the MP4); the job completes with "Uploaded" pending, and
 * {@link PendingStatuses} sends it and handles the local files. A store that is missing or failing
 * makes the job wait without using an attempt, and shows in the store's health.
 */
public class RecordingUploader implements JobWork {

  private static final Logger log = LoggerFactory.getLogger(RecordingUploader.class);

  private final StoreRouter router;
  private final StoreStatus storeStatus;
  private final KeyTemplate keys;
  private final LocalFiles files;
  private final UploadMetrics metrics;
  private final StoredKeys storedKeys;
  private final Clock clock;

  public RecordingUploader(
      StoreRouter router,
      StoreStatus storeStatus,
      KeyTemplate keys,
      LocalFiles files,
      UploadMetrics metrics,
      StoredKeys storedKeys,
      Clock clock) {
    this.router = router;
    this.storeStatus = storeStatus;
    this.keys = keys;
    this.files = files;
    this.metrics = metrics;
    this.storedKeys = storedKeys;
    this.clock = clock;
  }

  @Override
  public RecordingStep workingStep() {
    return RecordingStep.UPLOADING;
  }

  @Override
  public RecordingStep failedStep() {
    return RecordingStep.UPLOAD_FAILED;
  }

  @Override
  public Optional<WorkResult> prepare(Claim claim) {
    Job job = claim.job();
    Optional<StorageMode> mode = StorageMode.fromWire(job.detail());
    if (mode.isEmpty()) {
      return Optional.of(new WorkResult.Failed("Unknown storage mode: " + job.detail(), true));
    }
    if (router.route(mode.get()).isEmpty()) {
      String store = router.kindFor(mode.get()).name().toLowerCase(Locale.ROOT);
      storeStatus.permanentFailure(store, "Store not configured: " + store);
      return Optional.of(
          new WorkResult.Wait(
              WaitReason.STORE_NOT_CONFIGURED,
              "No store is configured for storage mode " + mode.get() + " (" + store + ")"));
    }
    try {
      files.check(job.sessionId());
    } catch (InputChangedException e) {
      return Optional.of(inputChanged(e));
    }
    return Optional.empty();
  }

  /**
   * The MP4 is not the file the scan listed: gone or not a regular file (the recording's problem:
   * an attempt), or replaced or written to since (it waits for the file to settle).
   */
  private static WorkResult inputChanged(InputChangedException e) {
    log.warn("Input changed; skipped. {}", e.getMessage());
    return switch (e.reason()) {
      case MISSING, NOT_REGULAR -> new WorkResult.Retry(e.getMessage());
      case REPLACED, MODIFIED -> new WorkResult.Wait(WaitReason.INPUT_CHANGED, e.getMessage());
    };
  }

  /**
   * Stores each sidecar present beside the MP4, read and checked like it (no link followed, the
   * file looked at is the file read and is unchanged after the put).
   */
  private List<StoredObject> storeSidecars(VideoStore store, SessionId sessionId, ObjectKey key)
      throws InputChangedException, IOException {
    List<StoredObject> stored = new ArrayList<>();
    for (Sidecar sidecar : files.sidecars(sessionId)) {
      Metadata metadata = files.metadataOf(sidecar.file()).withType(sidecar.type());
      stored.add(store.put(sidecar.file().path(), key.sibling(sidecar.type()), metadata));
      sidecar.file().requireUnchanged();
    }
    return stored;
  }

  @Override
  public WorkResult run(Claim claim, JobProgress progress) {
    Job job = claim.job();
    StoreRouter.Target target =
        router.route(StorageMode.fromWire(job.detail()).orElseThrow()).orElseThrow();
    String storeName = target.store().name();
    Instant started = clock.instant();
    try {
      Mp4File mp4 = files.check(job.sessionId());
      Metadata metadata = files.metadataOf(mp4);
      ObjectKey key = keys.render(target.prefix(), job.sessionId(), mp4.modified());
      List<StoredObject> sidecars = storeSidecars(target.store(), job.sessionId(), key);
      progress.update("uploading " + metadata.size() + " bytes to " + storeName);
      StoredObject stored = target.store().put(mp4.path(), key, metadata);
      mp4.requireUnchanged();
      storedKeys.record(job.sessionId(), storeName, stored.key());
      storeStatus.ok(storeName);
      metrics.stored(storeName, stored, Duration.between(started, clock.instant()));
      log.info(
          "Video stored. session: {}, store: {}, key: {}, bytes: {}, outcome: {}, sidecars: {}",
          job.sessionId(),
          storeName,
          stored.key(),
          stored.size(),
          stored.outcome(),
          sidecars.stream().map(s -> s.key().fileName() + " " + s.outcome()).toList());
      return new WorkResult.Done(RecordingStep.UPLOADED, whereStored(storeName, stored));
    } catch (VideoStoreException e) {
      metrics.failed(storeName, e.isTransient());
      storeStatus.permanentFailure(storeName, e.getMessage());
      if (!e.isTransient()) {
        log.warn("Store refused the upload; job waits. store: {}", storeName, e);
        return new WorkResult.Wait(WaitReason.STORE_NOT_CONFIGURED, e.getMessage());
      }
      log.warn("Upload failed; job waits. session: {}, store: {}", job.sessionId(), storeName, e);
      return new WorkResult.Wait(WaitReason.STORE_UNAVAILABLE, e.getMessage());
    } catch (InputChangedException e) {
      return inputChanged(e);
    } catch (IOException | UncheckedIOException e) {
      return new WorkResult.Retry("Cannot read MP4: " + e.getMessage());
    }
  }

  /** Where the video is, for the Uploaded status's detail (and the job's result detail). */
  private static String whereStored(String storeName, StoredObject stored) {
    String where = "stored in " + storeName + ": " + stored.key().value();
    return stored.outcome() == StoredObject.Outcome.CONFLICT
        ? where + " (beside a different object under the intended key)"
        : where;
  }
}
