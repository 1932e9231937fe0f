package io.recpipe.uploader.ops;

import io.recpipe.uploader.store.VideoStore;
import io.recpipe.uploader.store.VideoStoreException;
import io.recpipe.uploader.upload.StoreStatus;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * One store: DOWN when its access check fails (bucket, container or directory missing, bad
 * credentials, unreachable) or when an upload met a permanent failure that no later upload or check
 * has cleared.
 */
public class StoreHealthIndicator implements HealthIndicator {

  private final VideoStore store;
  private final StoreStatus status;

  public StoreHealthIndicator(VideoStore store, StoreStatus status) {
    this.store = store;
    this.status = status;
  }

  @Override
  public Health health() {
    try {
      store.checkAccess();
    } catch (VideoStoreException e) {
      return Health.down()
          .withDetail("store", store.name())
          .withDetail("error", e.getMessage())
          .withDetail("kind", e.isTransient() ? "transient" : "permanent")
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
        .orElseGet(() -> Health.up().withDetail("store", store.name()).build());
  }
}
