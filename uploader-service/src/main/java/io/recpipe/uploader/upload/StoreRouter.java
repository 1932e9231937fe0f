package io.recpipe.uploader.upload;

import io.recpipe.common.empowerid.StorageMode;
import io.recpipe.uploader.UploaderSettings.Routes;
import io.recpipe.uploader.UploaderSettings.StoreKind;
import io.recpipe.uploader.store.VideoStore;
import java.util.Collection;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/** Picks the store (and key prefix) for a session's storage mode. */
public class StoreRouter {

  /** A configured store with the prefix of its keys. */
  public record Target(VideoStore store, String prefix) {}

  private final Map<StoreKind, Target> stores;
  private final Routes routes;

  public StoreRouter(Map<StoreKind, Target> stores, Routes routes) {
    this.stores = new EnumMap<>(StoreKind.class);
    this.stores.putAll(stores);
    this.routes = routes;
  }

  /** The store for the mode; empty when the store it routes to is not configured. */
  public Optional<Target> route(StorageMode mode) {
    return Optional.ofNullable(stores.get(kindFor(mode)));
  }

  public StoreKind kindFor(StorageMode mode) {
    if (routes.allToFile()) {
      return StoreKind.FILE;
    }
    return switch (mode) {
      case AWS -> routes.aws();
      case AZURE -> routes.azure();
      case FILE -> routes.file();
    };
  }

  public Collection<Target> configured() {
    return stores.values();
  }
}
