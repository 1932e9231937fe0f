package io.recpipe.uploader.store;

import java.net.URI;
import java.nio.file.Path;
import java.time.Instant;

/** How a reader without our credentials (the console's player) may fetch a stored object. */
public sealed interface ReadAccess {

  /**
   * A short-lived, read-only link (a presigned URL, a SAS URL). It is a credential until it
   * expires: {@link #toString()} leaves out its query, where the signature is, so it never reaches
   * a log.
   */
  record Link(URI url, Instant expiresAt) implements ReadAccess {
    @Override
    public String toString() {
      return "Link["
          + url.getScheme()
          + "://"
          + url.getAuthority()
          + url.getPath()
          + "?…, expiresAt="
          + expiresAt
          + "]";
    }
  }

  /** The object is a file this process can read and serve itself. */
  record LocalFile(Path file) implements ReadAccess {}

  /**
   * The object is there, but the store's credential cannot make a link; {@code reason} says why.
   */
  record Unavailable(String reason) implements ReadAccess {}
}
