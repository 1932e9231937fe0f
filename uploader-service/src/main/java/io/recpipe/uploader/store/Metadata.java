package io.recpipe.uploader.store;

import io.recpipe.common.session.SessionId;
import java.util.HexFormat;
import java.util.Objects;

/**
 * What travels with a stored file: its session, the SHA-256 of its bytes (lowercase hex), which
 * every store keeps and compares to decide "same object" or "conflict", its size and what it is
 * (the content type a store sends with it).
 */
public record Metadata(SessionId sessionId, String sha256, long size, ContentType type) {

  /** An MP4's metadata. */
  public Metadata(SessionId sessionId, String sha256, long size) {
    this(sessionId, sha256, size, ContentType.MP4);
  }

  public Metadata {
    Objects.requireNonNull(sessionId, "sessionId");
    Objects.requireNonNull(type, "type");
    if (sha256 == null || sha256.length() != 64) {
      throw new IllegalArgumentException("Not a SHA-256 hex digest: " + sha256);
    }
    HexFormat.of().parseHex(sha256);
    sha256 = sha256.toLowerCase(java.util.Locale.ROOT);
  }

  /** The same file's metadata as a file of another type (a sidecar). */
  public Metadata withType(ContentType newType) {
    return new Metadata(sessionId, sha256, size, newType);
  }

  /** The SHA-256 as bytes. */
  public byte[] sha256Bytes() {
    return HexFormat.of().parseHex(sha256);
  }
}
