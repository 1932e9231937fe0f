package io.recpipe.common.empowerid;

import java.util.Locale;
import java.util.Optional;

/** Where a session's video is to be stored. */
public enum StorageMode {
  AWS,
  AZURE,
  /** A directory (a UNC share mounted on the host, or a local folder). */
  FILE;

  /** Reads the wire word ({@code AWS}, {@code Azure}, {@code UNC}, {@code File}), any case. */
  public static Optional<StorageMode> fromWire(String word) {
    if (word == null) {
      return Optional.empty();
    }
    return switch (word.trim().toUpperCase(Locale.ROOT)) {
      case "AWS", "S3" -> Optional.of(AWS);
      case "AZURE" -> Optional.of(AZURE);
      case "UNC", "FILE" -> Optional.of(FILE);
      default -> Optional.empty();
    };
  }
}
