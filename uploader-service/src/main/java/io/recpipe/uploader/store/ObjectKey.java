package io.recpipe.uploader.store;

import java.util.Arrays;
import java.util.Optional;
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
   * minus its extension>.conflict-<first 8 hex digits of our SHA-256>.<extension>}, where the
   * extension is one of {@link ContentType}'s ({@code .mp4} is added to a key without one).
   */
  public ObjectKey conflictKey(String sha256Hex) {
    String extension = extension().orElse(ContentType.MP4.extension());
    return new ObjectKey(stem() + ".conflict-" + sha256Hex.substring(0, 8) + "." + extension);
  }

  /**
   * The key of a file stored beside this one: the key's {@link ContentType} extension replaced by
   * {@code type}'s ({@code .../id.mp4} → {@code .../id.vtt}), or {@code type}'s added to a key
   * without one (so two keys never map to the same sibling).
   */
  public ObjectKey sibling(ContentType type) {
    return new ObjectKey(stem() + "." + type.extension());
  }

  private String stem() {
    return extension().map(e -> value.substring(0, value.length() - e.length() - 1)).orElse(value);
  }

  /** The extension of one of our content types the key ends with, if any. */
  private Optional<String> extension() {
    return Arrays.stream(ContentType.values())
        .map(ContentType::extension)
        .filter(e -> value.endsWith("." + e) && value.length() > e.length() + 1)
        .findFirst();
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
