package io.recpipe.encoder.scan;

import io.recpipe.common.empowerid.EmpowerIdClient;
import io.recpipe.common.empowerid.EmpowerIdException;
import io.recpipe.common.empowerid.RecordingStep;
import io.recpipe.common.empowerid.SessionInfo;
import io.recpipe.common.job.JdbcJobStore;
import io.recpipe.common.session.SessionId;
import io.recpipe.encoder.recording.Recording;
import io.recpipe.encoder.recording.RecordingDirectory;
import io.recpipe.encoder.recording.Sleeper;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds finished recordings and queues them: lists the recordings directory, leaves out those that
 * already have a job and those still being written (locked by guacd, or growing between two looks),
 * asks EmpowerID about the rest and queues the sessions that are closed or terminated and whose
 * recording step is {@code RECORDED}.
 */
public class ScanJob {

  private static final Logger log = LoggerFactory.getLogger(ScanJob.class);

  private final RecordingDirectory recordings;
  private final JdbcJobStore jobs;
  private final EmpowerIdClient empowerId;
  private final ScanSettings settings;
  private final Sleeper sleeper;
  private final Clock clock;

  public ScanJob(
      RecordingDirectory recordings,
      JdbcJobStore jobs,
      EmpowerIdClient empowerId,
      ScanSettings settings,
      Sleeper sleeper,
      Clock clock) {
    this.recordings = recordings;
    this.jobs = jobs;
    this.empowerId = empowerId;
    this.settings = settings;
    this.sleeper = sleeper;
    this.clock = clock;
  }

  public ScanResult runOnce() throws InterruptedException {
    if (!empowerId.isAvailable()) {
      log.info("Scan skipped: EmpowerID is unavailable (circuit open).");
      return ScanResult.skippedRun();
    }
    RecordingDirectory.Listing listing;
    try {
      listing = recordings.list();
    } catch (IOException e) {
      log.warn("Scan skipped: cannot list recordings. dir: {}", recordings.dir(), e);
      return ScanResult.skippedRun();
    }
    List<Recording> fresh = new ArrayList<>();
    for (Recording recording : listing.recordings()) {
      if (jobs.find(recording.sessionId()).isEmpty()) {
        fresh.add(recording);
      }
    }
    int known = listing.recordings().size() - fresh.size();
    List<Recording> stable = stableOnly(fresh);
    int busy = fresh.size() - stable.size();
    if (stable.isEmpty()) {
      return summary(
          new ScanResult(
              false, listing.recordings().size(), listing.unsafeNames(), known, busy, 0, 0, 0));
    }
    Map<SessionId, SessionInfo> infos;
    try {
      infos = empowerId.poll(stable.stream().map(Recording::sessionId).toList());
    } catch (EmpowerIdException e) {
      log.warn("Scan stopped: polling EmpowerID failed. sessions: {}", stable.size(), e);
      return ScanResult.skippedRun();
    }
    int queued = 0;
    int notReady = 0;
    for (Recording recording : stable) {
      SessionInfo info = infos.get(recording.sessionId());
      if (info == null || !ready(info)) {
        notReady++;
        log.debug("Recording not ready. session: {}, info: {}", recording.sessionId(), info);
        continue;
      }
      if (jobs.enqueue(recording.sessionId(), null, clock.instant())) {
        queued++;
      }
    }
    return summary(
        new ScanResult(
            false,
            listing.recordings().size(),
            listing.unsafeNames(),
            known,
            busy,
            stable.size(),
            notReady,
            queued));
  }

  private static boolean ready(SessionInfo info) {
    return info.sessionStatus() != null
        && info.sessionStatus().isOver()
        && info.recordingStatus() == RecordingStep.RECORDED;
  }

  /** Keeps files nobody holds a lock on and whose size stayed the same across a short pause. */
  private List<Recording> stableOnly(List<Recording> candidates) throws InterruptedException {
    if (candidates.isEmpty()) {
      return candidates;
    }
    sleeper.sleep(settings.stableCheck());
    List<Recording> stable = new ArrayList<>();
    for (Recording first : candidates) {
      long sizeNow = sizeOf(first);
      if (sizeNow != first.size() || RecordingDirectory.isLocked(first.file())) {
        log.debug("Recording still being written. session: {}", first.sessionId());
        continue;
      }
      stable.add(first);
    }
    return stable;
  }

  private static long sizeOf(Recording recording) {
    try {
      return java.nio.file.Files.size(recording.file());
    } catch (IOException e) {
      return -1;
    }
  }

  private static ScanResult summary(ScanResult result) {
    log.info(
        "Scan done. files: {}, unsafe names: {}, known: {}, busy: {}, polled: {}, not ready: {},"
            + " queued: {}",
        result.files(),
        result.unsafeNames(),
        result.known(),
        result.busy(),
        result.polled(),
        result.notReady(),
        result.queued());
    return result;
  }
}
