package io.recpipe.uploader.store;

import io.recpipe.common.session.SessionId;
import java.util.HexFormat;
import java.util.Objects;

/**
 * What travels with a stored video: its session and the SHA-256 of the MP4 (lowercase hex), which
 * every store keeps and compares to decide "same object" or "conflict".
 */
public record Metadata(SessionId sessionId, String sha256, long size) {

  public Metadata {
    Objects.requireNonNull(sessionId, "sessionId");
    if (sha256 == null || sha256.length() != 64) {
      throw new IllegalArgumentException("Not a SHA-256 hex digest: " + sha256);
    }
    HexFormat.of().parseHex(sha256);
    sha256 = sha256.toLowerCase(java.util.Locale.ROOT);
  }

  /** The SHA-256 as bytes. */
  public byte[] sha256Bytes() {
    return HexFormat.of().parseHex(sha256);
  }
}
