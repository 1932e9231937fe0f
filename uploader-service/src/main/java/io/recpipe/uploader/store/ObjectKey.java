package io.recpipe.uploader.store;

import java.util.regex.Pattern;

/**
 * The name of a stored object: {@code /}-separated segments of {@code [A-Za-z0-9._-]}, none of them
 * {@code .} or {@code ..}, so a key is always a safe relative path in every store.
 */
public record ObjectKey(String value) {

  private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9._-]{0,254}");

  public ObjectKey {
    if (value == null || value.isEmpty() || value.length() > 1024) {
      throw new IllegalArgumentException("Not a valid object key: " + value);
    }
    for (String segment : value.split("/", -1)) {
      if (!SEGMENT.matcher(segment).matches() || segment.contains("..")) {
        throw new IllegalArgumentException("Not a valid object key: " + value);
      }
    }
  }

  /**
   * The key our object gets when another object with different content holds this one: {@code <key
   * minus .mp4>.conflict-<first 8 hex digits of our SHA-256>.mp4}.
   */
  public ObjectKey conflictKey(String sha256Hex) {
    String base = value.endsWith(".mp4") ? value.substring(0, value.length() - 4) : value;
    return new ObjectKey(base + ".conflict-" + sha256Hex.substring(0, 8) + ".mp4");
  }

  /** The last segment. */
  public String fileName() {
    return value.substring(value.lastIndexOf('/') + 1);
  }

  @Override
  public String toString() {
    return value;
  }
}
