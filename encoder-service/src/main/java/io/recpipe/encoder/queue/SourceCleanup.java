package io.recpipe.encoder.queue;

import io.recpipe.common.job.Job;
import io.recpipe.common.job.JobState;
import io.recpipe.common.job.PendingStatuses;
import io.recpipe.encoder.recording.Quarantine;
import io.recpipe.encoder.recording.RecordingDirectory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The encoder's part of settling a finished job ({@link PendingStatuses}): a {@code FAILED} job's
 * recording goes to quarantine before its status is sent; after {@code PROCESSED} is acknowledged
 * the source recording is removed (when the MP4 is there and removal is on).
 */
public class SourceCleanup implements PendingStatuses.Settlement {

  private static final Logger log = LoggerFactory.getLogger(SourceCleanup.class);

  private final RecordingDirectory recordings;
  private final Quarantine quarantine;
  private final Mp4Output output;
  private final boolean deleteSource;
  private final Clock clock;

  public SourceCleanup(
      RecordingDirectory recordings,
      Quarantine quarantine,
      Mp4Output output,
      boolean deleteSource,
      Clock clock) {
    this.recordings = recordings;
    this.quarantine = quarantine;
    this.output = output;
    this.deleteSource = deleteSource;
    this.clock = clock;
  }

  @Override
  public void beforeSend(Job job) {
    if (job.state() == JobState.FAILED) {
      quarantine(job);
    }
  }

  @Override
  public void acknowledged(Job job) {
    removeSource(job);
  }

  private void quarantine(Job job) {
    Optional<Path> source = recordings.find(job.sessionId());
    if (source.isEmpty()) {
      return;
    }
    try {
      quarantine.put(
          job.sessionId(), source.get(), job.lastError(), job.attempts(), clock.instant());
    } catch (IOException e) {
      log.warn("Could not quarantine a recording; will try again. session: {}", job.sessionId(), e);
    }
  }

  private void removeSource(Job job) {
    if (!deleteSource) {
      return;
    }
    Optional<Path> source = recordings.find(job.sessionId());
    if (source.isEmpty()) {
      return;
    }
    if (!Files.isRegularFile(output.finalFile(job.sessionId()))) {
      log.warn(
          "Recording kept: its MP4 is not in the output directory. session: {}", job.sessionId());
      return;
    }
    try {
      Files.deleteIfExists(source.get());
      log.info("Recording removed after its MP4 was stored. session: {}", job.sessionId());
    } catch (IOException e) {
      log.warn("Could not remove a converted recording. session: {}", job.sessionId(), e);
    }
  }
}
