package io.recpipe.encoder.queue;

import io.micrometer.core.instrument.MeterRegistry;
import io.recpipe.common.empowerid.EmpowerIdClient;
import io.recpipe.common.job.JdbcJobStore;
import io.recpipe.common.job.LeaseKeeper;
import io.recpipe.common.job.PendingStatuses;
import io.recpipe.encoder.convert.RecordingConverter;
import io.recpipe.encoder.recording.RecordingDirectory;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;

/** Assembles a {@link ProcessJob} from its parts (used by the Spring wiring and by tests). */
public final class Queue {

  /** What processing works with. */
  public record Parts(
      JdbcJobStore jobs,
      EmpowerIdClient empowerId,
      RecordingConverter converter,
      RecordingDirectory recordings,
      Mp4Output output,
      PendingStatuses pending) {}

  private Queue() {}

  public static ProcessJob processJob(
      Parts parts,
      ExecutorService executor,
      ScheduledExecutorService leaseTimer,
      ProcessSettings settings,
      String owner,
      Duration lease,
      Clock clock,
      MeterRegistry meters) {
    var processor =
        new RecordingProcessor(
            parts.jobs(),
            parts.empowerId(),
            parts.converter(),
            parts.recordings(),
            parts.output(),
            parts.pending(),
            new LeaseKeeper(parts.jobs(), leaseTimer, clock),
            settings,
            owner,
            lease,
            clock,
            meters);
    return new ProcessJob(
        parts.jobs(),
        parts.empowerId(),
        parts.pending(),
        processor,
        executor,
        leaseTimer,
        settings,
        owner,
        lease,
        clock);
  }
}
