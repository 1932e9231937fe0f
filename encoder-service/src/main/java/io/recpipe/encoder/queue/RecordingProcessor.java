package io.recpipe.encoder.queue;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.recpipe.common.empowerid.RecordingStep;
import io.recpipe.common.job.Claim;
import io.recpipe.common.job.Job;
import io.recpipe.common.job.JobProgress;
import io.recpipe.common.job.JobWork;
import io.recpipe.common.job.WaitReason;
import io.recpipe.common.job.WorkResult;
import io.recpipe.common.process.ChildProcesses;
import io.recpipe.common.session.SessionId;
import io.recpipe.converter.Conversion;
import io.recpipe.converter.ConversionException;
import io.recpipe.converter.RecordingConverter;
import io.recpipe.encoder.recording.Quarantine;
import io.recpipe.encoder.recording.RecordingDirectory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.util.unit.DataSize;

/**
 * The encoder's work on one claimed job ({@link JobWork}): converts the recording into a partial
 * file and publishes {@code <id>.mp4} atomically, after the sidecars the converter made ({@code
 * <id>.vtt}, {@code <id>.jpg}); the job completes with {@code PROCESSED}. A job taken over from a
 * dead owner first loses that owner's partial output. A full output disk makes the job wait without
 * using an attempt.
 */
public class RecordingProcessor implements JobWork {

  private static final Logger log = LoggerFactory.getLogger(RecordingProcessor.class);

  private final RecordingConverter converter;
  private final RecordingDirectory recordings;
  private final Mp4Output output;
  private final Quarantine quarantine;
  private final DataSize minFreeDisk;
  private final MeterRegistry meters;
  private final String instance;

  public RecordingProcessor(
      RecordingConverter converter,
      RecordingDirectory recordings,
      Mp4Output output,
      Quarantine quarantine,
      DataSize minFreeDisk,
      MeterRegistry meters,
      String instance) {
    this.converter = converter;
    this.recordings = recordings;
    this.output = output;
    this.quarantine = quarantine;
    this.minFreeDisk = minFreeDisk;
    this.meters = meters;
    this.instance = instance;
  }

  @Override
  public RecordingStep workingStep() {
    return RecordingStep.PROCESSING;
  }

  @Override
  public RecordingStep failedStep() {
    return RecordingStep.PROCESSING_FAILED;
  }

  /**
   * Before the first claim: children this instance starts carry its name; children a killed JVM of
   * this instance left running are ended (first, so none still writes), then its partial files go.
   */
  @Override
  public void startUp() {
    ChildProcesses.tagWith(instance);
    int killed = ChildProcesses.killOrphans(instance);
    int removed;
    try {
      removed = output.removeOwnPartials();
    } catch (IOException e) {
      log.warn("Could not remove this instance's partial files. dir: {}", output.dir(), e);
      removed = -1;
    }
    log.info(
        "Encoder started clean. instance: {}, orphan processes ended: {}, partial files removed: {}",
        instance,
        killed,
        removed);
  }

  @Override
  public Optional<WorkResult> prepare(Claim claim) {
    SessionId id = claim.job().sessionId();
    if (claim.reclaimed()) {
      removePartialOutput(id, claim.job());
    }
    if (recordings.find(id).isEmpty()) {
      return Optional.of(new WorkResult.Failed("The recording file is missing", true));
    }
    if (diskFull()) {
      return Optional.of(diskFullWait());
    }
    return Optional.empty();
  }

  @Override
  public WorkResult run(Claim claim, JobProgress progress) {
    SessionId id = claim.job().sessionId();
    Optional<Path> source = recordings.find(id);
    if (source.isEmpty()) {
      return new WorkResult.Failed("The recording file is missing", true);
    }
    Path temp = output.tempFile(id);
    Timer.Sample sample = Timer.start(meters);
    Conversion conversion = null;
    try {
      conversion =
          converter.convert(
              source.get(),
              temp,
              fraction -> progress.update("%d%% converted".formatted(Math.round(fraction * 100))));
      output.publish(temp, id, conversion.sidecars());
    } catch (ConversionException e) {
      return failed(sample, temp, e.getMessage(), e.isPermanent());
    } catch (IOException | RuntimeException e) {
      log.warn("Conversion broke unexpectedly. session: {}", id, e);
      if (conversion != null) {
        conversion.sidecars().forEach(s -> deleteQuietly(s.file()));
      }
      return failed(sample, temp, e.toString(), false);
    }
    sample.stop(timer("ok"));
    log.info(
        "Recording converted. session: {}, converter: {}, session seconds: {}, video seconds: {},"
            + " frames: {}, cut short: {}, sidecars: {}",
        id,
        converter.name(),
        conversion.sessionDuration().toMillis() / 1000.0,
        conversion.videoDuration().toMillis() / 1000.0,
        conversion.frames(),
        conversion.partial(),
        conversion.sidecars().stream().map(s -> s.kind().extension()).toList());
    if (!conversion.damaged().isEmpty()) {
      log.warn(
          "Recording was damaged; converted without its damaged parts. session: {},"
              + " damaged ranges: {}, bytes ignored: {}",
          id,
          conversion.damaged(),
          conversion.bytesIgnored());
    } else if (conversion.partial()) {
      log.warn(
          "Recording was cut short; converted up to its last complete instruction. session: {},"
              + " bytes ignored: {}",
          id,
          conversion.bytesIgnored());
    }
    return new WorkResult.Done(RecordingStep.PROCESSED, conversion.detail());
  }

  /** A requeued job's recording comes back from quarantine, if it went there. */
  @Override
  public void beforeRequeue(Job job) {
    try {
      quarantine.restore(job.sessionId(), recordings.dir());
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(
          "Cannot bring the recording back from quarantine: " + job.sessionId(), e);
    }
  }

  private WorkResult failed(Timer.Sample sample, Path temp, String error, boolean permanent) {
    sample.stop(timer("failed"));
    deleteQuietly(temp);
    if (diskFull()) {
      return diskFullWait();
    }
    Counter.builder("recpipe.encoder.conversion.failures")
        .description("Failed conversion attempts")
        .tag("converter", converter.name())
        .register(meters)
        .increment();
    return permanent ? new WorkResult.Failed(error, true) : new WorkResult.Retry(error);
  }

  private boolean diskFull() {
    try {
      return Files.getFileStore(output.dir()).getUsableSpace() < minFreeDisk.toBytes();
    } catch (IOException e) {
      return false;
    }
  }

  private WorkResult diskFullWait() {
    return new WorkResult.Wait(
        WaitReason.DISK_FULL,
        "The output disk has less than " + minFreeDisk + " free: " + output.dir());
  }

  private Timer timer(String outcome) {
    return Timer.builder("recpipe.encoder.conversions")
        .description("Conversions of recordings to MP4")
        .tag("converter", converter.name())
        .tag("outcome", outcome)
        .register(meters);
  }

  private void removePartialOutput(SessionId id, Job job) {
    try {
      int removed = output.removePartial(id);
      log.info(
          "Job reclaimed after its owner stopped; partial output removed. session: {},"
              + " attempt: {}, removed: {}",
          id,
          job.attempts(),
          removed);
    } catch (IOException e) {
      log.warn("Could not remove partial output. session: {}", id, e);
    }
  }

  private static void deleteQuietly(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      log.warn("Could not remove a partial output file. file: {}", file, e);
    }
  }
}
