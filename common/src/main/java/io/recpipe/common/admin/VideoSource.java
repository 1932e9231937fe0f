package io.recpipe.common.admin;

import java.net.URI;
import java.nio.file.Path;
import java.time.Instant;

/** Where the console's player gets a session's video from. */
public sealed interface VideoSource {

  /** A file on this service's disk, served in ranges by the admin API. */
  record LocalFile(Path file) implements VideoSource {}

  /**
   * A short-lived link straight to the stored object (a presigned URL, a SAS URL): whoever holds it
   * may read the object until {@code expiresAt}, so it goes only to an authenticated admin caller
   * and never into a log ({@link #toString()} leaves out the query, which holds the signature).
   */
  record Link(URI url, Instant expiresAt) implements VideoSource {
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

  /** The video is stored, but no link can be made for it; {@code reason} says why. */
  record Unavailable(String reason) implements VideoSource {}
}
