package io.recpipe.uploader.playback;

import io.recpipe.common.admin.StoredVideos;
import io.recpipe.common.admin.VideoSource;
import io.recpipe.common.session.SessionId;
import io.recpipe.uploader.store.VideoStore;
import io.recpipe.uploader.store.VideoStoreException;
import io.recpipe.uploader.upload.StoreRouter;
import io.recpipe.uploader.upload.StoredKeys;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The console's way to a session's MP4 once the local file is gone: the store and key the upload
 * noted ({@link StoredKeys}), and the store's {@link VideoSource} for it (a presigned URL, a SAS
 * URL, or the file store's file). A link is a credential while it lasts: only its expiry is logged.
 */
public class StoreVideoLinks implements StoredVideos {

  private static final Logger log = LoggerFactory.getLogger(StoreVideoLinks.class);

  private final StoredKeys keys;
  private final StoreRouter router;
  private final Duration ttl;
  private final Clock clock;

  public StoreVideoLinks(StoredKeys keys, StoreRouter router, Duration ttl, Clock clock) {
    this.keys = keys;
    this.router = router;
    this.ttl = ttl;
    this.clock = clock;
  }

  @Override
  public Optional<VideoSource> find(SessionId id) {
    Optional<StoredKeys.Stored> stored = keys.find(id);
    if (stored.isEmpty()) {
      return Optional.empty();
    }
    String name = stored.get().store();
    Optional<VideoStore> store =
        router.configured().stream()
            .map(StoreRouter.Target::store)
            .filter(s -> s.name().equals(name))
            .findFirst();
    if (store.isEmpty()) {
      return Optional.of(
          new VideoSource.Unavailable("stored in " + name + ", which is not configured now"));
    }
    try {
      return store
          .get()
          .readAccess(stored.get().key(), clock.instant(), ttl)
          .map(
              source -> {
                if (source instanceof VideoSource.Link link) {
                  log.debug("Playback link made. session: {}, expiresAt: {}", id, link.expiresAt());
                }
                return source;
              });
    } catch (VideoStoreException e) {
      log.warn("Stored video cannot be looked up. session: {}, store: {}", id, name, e);
      return Optional.of(new VideoSource.Unavailable("the store cannot be reached: " + name));
    }
  }
}
