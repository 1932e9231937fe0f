package io.recpipe.encoder.queue;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.recpipe.common.empowerid.EmpowerIdClient;
import io.recpipe.common.empowerid.EmpowerIdException;
import io.recpipe.common.empowerid.RecordingStep;
import io.recpipe.common.empowerid.StatusUpdate;
import io.recpipe.common.job.Claim;
import io.recpipe.common.job.JdbcJobStore;
import io.recpipe.common.job.Job;
import io.recpipe.common.job.LeaseKeeper;
import io.recpipe.common.job.PendingStatuses;
import io.recpipe.common.session.SessionId;
import io.recpipe.encoder.convert.Conversion;
import io.recpipe.encoder.convert.ConversionException;
import io.recpipe.encoder.convert.RecordingConverter;
import io.recpipe.encoder.recording.RecordingDirectory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Processes one claimed job: tells EmpowerID {@code PROCESSING}, converts into a temporary file,
 * publishes {@code <id>.mp4} atomically, completes the job with {@code PROCESSED} pending and sends
 * it. A job reclaimed from a dead owner first loses that owner's partial output.
 */
public class RecordingProcessor {

  private static final Logger log = LoggerFactory.getLogger(RecordingProcessor.class);

  private final JdbcJobStore jobs;
  private final EmpowerIdClient empowerId;
  private final RecordingConverter converter;
  private final RecordingDirectory recordings;
  private final Mp4Output output;
  private final PendingStatuses pending;
  private final Failures failures;
  private final LeaseKeeper leases;
  private final ProcessSettings settings;
  private final String owner;
  private final Duration lease;
  private final Clock clock;
  private final MeterRegistry meters;

  RecordingProcessor(
      JdbcJobStore jobs,
      EmpowerIdClient empowerId,
      RecordingConverter converter,
      RecordingDirectory recordings,
      Mp4Output output,
      PendingStatuses pending,
      LeaseKeeper leases,
      ProcessSettings settings,
      String owner,
      Duration lease,
      Clock clock,
      MeterRegistry meters) {
    this.jobs = jobs;
    this.empowerId = empowerId;
    this.converter = converter;
    this.recordings = recordings;
    this.output = output;
    this.pending = pending;
    this.failures = new Failures(jobs, pending, settings, owner, clock);
    this.leases = leases;
    this.settings = settings;
    this.owner = owner;
    this.lease = lease;
    this.clock = clock;
    this.meters = meters;
  }

  public Outcome process(Claim claim) {
    SessionId id = claim.job().sessionId();
    if (claim.reclaimed()) {
      removePartialOutput(id, claim.job());
    }
    Optional<Path> source = recordings.find(id);
    if (source.isEmpty()) {
      return failures.record(claim, "The recording file is missing", true, true);
    }
    Optional<Outcome> refused = markProcessing(claim);
    if (refused.isPresent()) {
      return refused.get();
    }
    return convert(claim, source.get());
  }

  private Optional<Outcome> markProcessing(Claim claim) {
    SessionId id = claim.job().sessionId();
    String detail = "attempt %d of %d".formatted(claim.job().attempts(), settings.maxAttempts());
    StatusUpdate update;
    try {
      update = empowerId.updateRecordingStatus(id, RecordingStep.PROCESSING, detail);
    } catch (EmpowerIdException e) {
      if (e.isTransient()) {
        log.info(
            "Job given back: EmpowerID unreachable. session: {}, error: {}", id, e.getMessage());
        jobs.release(id, owner, "EmpowerID unreachable: " + e.getMessage(), clock.instant());
        return Optional.of(Outcome.RELEASED);
      }
      return Optional.of(
          failures.record(claim, "EmpowerID refused PROCESSING: " + e.getMessage(), false, true));
    }
    return switch (update) {
      case APPLIED -> Optional.empty();
      case OWNED_ELSEWHERE -> {
        log.warn("Session owned by another process instance; dropped. session: {}", id);
        jobs.drop(id, owner, "Owned by another process instance (409)", clock.instant());
        yield Optional.of(Outcome.DROPPED);
      }
      case UNKNOWN_SESSION ->
          Optional.of(
              failures.record(claim, "EmpowerID does not know the session (404)", true, false));
    };
  }

  private Outcome convert(Claim claim, Path source) {
    SessionId id = claim.job().sessionId();
    Path temp = output.tempFile(id);
    Timer.Sample sample = Timer.start(meters);
    Conversion conversion;
    try (AutoCloseable renewing = leases.keep(id, owner, lease)) {
      conversion = converter.convert(source, temp);
      output.publish(temp, id);
    } catch (ConversionException e) {
      return failed(claim, sample, temp, e.getMessage(), e.isPermanent());
    } catch (Exception e) {
      log.warn("Conversion broke unexpectedly. session: {}", id, e);
      return failed(claim, sample, temp, e.toString(), false);
    }
    sample.stop(timer("ok"));
    log.info(
        "Recording converted. session: {}, converter: {}, session seconds: {}, video seconds: {},"
            + " frames: {}, cut short: {}",
        id,
        converter.name(),
        conversion.sessionDuration().toMillis() / 1000.0,
        conversion.videoDuration().toMillis() / 1000.0,
        conversion.frames(),
        conversion.partial());
    if (conversion.partial()) {
      log.warn(
          "Recording was cut short; converted up to its last complete instruction. session: {},"
              + " bytes ignored: {}",
          id,
          conversion.bytesIgnored());
    }
    Optional<Job> done = jobs.complete(id, owner, RecordingStep.PROCESSED.name(), clock.instant());
    if (done.isEmpty()) {
      return Outcome.LOST;
    }
    pending.settle(done.get());
    return Outcome.CONVERTED;
  }

  private Outcome failed(
      Claim claim, Timer.Sample sample, Path temp, String error, boolean permanent) {
    sample.stop(timer("failed"));
    Counter.builder("recpipe.encoder.conversion.failures")
        .description("Failed conversion attempts")
        .tag("converter", converter.name())
        .register(meters)
        .increment();
    deleteQuietly(temp);
    return failures.record(claim, error, permanent, true);
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
          "Job reclaimed after its owner's lease expired; partial output removed. session: {},"
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
      log.warn("Could not remove a partial MP4. file: {}", file, e);
    }
  }
}
