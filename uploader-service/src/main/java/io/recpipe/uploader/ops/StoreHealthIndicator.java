package io.recpipe.uploader.ops;

import io.recpipe.uploader.store.VideoStore;
import io.recpipe.uploader.store.VideoStoreException;
import io.recpipe.uploader.upload.StoreStatus;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * One store: DOWN when its access check fails (bucket, container or directory missing, bad
 * credentials, unreachable) or when an upload met a permanent failure that no later upload or check
 * has cleared. The access check is a live request, so it is made at most once per {@code interval}
 * (a probe or a dashboard polling health costs the store nothing more); the upload failures are
 * read fresh each time.
 */
public class StoreHealthIndicator implements HealthIndicator {

  private final VideoStore store;
  private final StoreStatus status;
  private final Duration interval;
  private final Clock clock;
  private Instant checkedAt;
  private Optional<VideoStoreException> lastCheck = Optional.empty();

  public StoreHealthIndicator(
      VideoStore store, StoreStatus status, Duration interval, Clock clock) {
    this.store = store;
    this.status = status;
    this.interval = interval;
    this.clock = clock;
  }

  @Override
  public Health health() {
    Instant checked;
    Optional<VideoStoreException> failure;
    synchronized (this) {
      Instant now = clock.instant();
      if (checkedAt == null || !now.isBefore(checkedAt.plus(interval))) {
        lastCheck = check();
        checkedAt = now;
      }
      checked = checkedAt;
      failure = lastCheck;
    }
    if (failure.isPresent()) {
      VideoStoreException e = failure.get();
      return Health.down()
          .withDetail("store", store.name())
          .withDetail("error", e.getMessage())
          .withDetail("kind", e.isTransient() ? "transient" : "permanent")
          .withDetail("checkedAt", checked.toString())
          .build();
    }
    return status
        .problem(store.name())
        .map(
            problem ->
                Health.down()
                    .withDetail("store", store.name())
                    .withDetail("error", problem)
                    .withDetail("kind", "permanent")
                    .build())
        .orElseGet(
            () ->
                Health.up()
                    .withDetail("store", store.name())
                    .withDetail("checkedAt", checked.toString())
                    .build());
  }

  private Optional<VideoStoreException> check() {
    try {
      store.checkAccess();
      return Optional.empty();
    } catch (VideoStoreException e) {
      return Optional.of(e);
    }
  }
}
