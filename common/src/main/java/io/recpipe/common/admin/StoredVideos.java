package io.recpipe.common.admin;

import io.recpipe.common.session.SessionId;
import java.util.Optional;

/**
 * Where a service finds a session's video once it has left the local disk (the uploader: in the
 * store it was uploaded to), for the console's player.
 */
@FunctionalInterface
public interface StoredVideos {

  /** How to get the session's stored video; empty when none is stored. */
  Optional<VideoSource> find(SessionId id);

  /** For a service that stores no videos. */
  static StoredVideos none() {
    return id -> Optional.empty();
  }
}
