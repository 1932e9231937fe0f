package io.recpipe.uploader.upload;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.recpipe.uploader.store.StoredObject;
import java.time.Duration;

/**
 * {@code recpipe.uploader.uploads{store,outcome}}, {@code recpipe.uploader.upload.duration{store}},
 * {@code recpipe.uploader.upload.bytes{store}} and {@code
 * recpipe.uploader.upload.failures{store,kind}}.
 */
public class UploadMetrics {

  private final MeterRegistry registry;

  public UploadMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  public void stored(String store, StoredObject stored, Duration took) {
    Counter.builder("recpipe.uploader.uploads")
        .description("Videos stored, by store and outcome")
        .tag("store", store)
        .tag("outcome", stored.outcome().name().toLowerCase(java.util.Locale.ROOT))
        .register(registry)
        .increment();
    Timer.builder("recpipe.uploader.upload.duration")
        .description("Time to store and verify one video")
        .tag("store", store)
        .register(registry)
        .record(took);
    if (stored.outcome() != StoredObject.Outcome.ALREADY_PRESENT) {
      DistributionSummary.builder("recpipe.uploader.upload.bytes")
          .description("Bytes uploaded per video")
          .baseUnit("bytes")
          .tag("store", store)
          .register(registry)
          .record(stored.size());
    }
  }

  public void failed(String store, boolean transientFailure) {
    Counter.builder("recpipe.uploader.upload.failures")
        .description("Failed uploads, by store and kind")
        .tag("store", store)
        .tag("kind", transientFailure ? "transient" : "permanent")
        .register(registry)
        .increment();
  }
}
