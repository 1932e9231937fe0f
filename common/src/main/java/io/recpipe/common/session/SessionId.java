package io.recpipe.common.session;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The id of a gateway session, accepted only when it is safe to use in a file name and a URL path.
 *
 * <p>Only GUIDs (optionally in braces, which are dropped) and {@code [A-Za-z0-9_-]{1,128}} are
 * accepted, so no path or URL is ever built from an untrusted name: {@code ../x}, spaces, dots and
 * shell characters are all refused.
 */
public record SessionId(String value) implements Comparable<SessionId> {

  private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9_-]{1,128}");
  private static final Pattern BRACED_GUID =
      Pattern.compile(
          "\\{([0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12})}");

  public SessionId {
    if (value == null || !SAFE.matcher(value).matches()) {
      throw new IllegalArgumentException("Not a safe session id: " + describe(value));
    }
  }

  /** Parses an untrusted name; empty when it is not a safe session id. */
  public static Optional<SessionId> parse(String raw) {
    if (raw == null) {
      return Optional.empty();
    }
    var braced = BRACED_GUID.matcher(raw);
    String candidate = braced.matches() ? braced.group(1) : raw;
    return SAFE.matcher(candidate).matches()
        ? Optional.of(new SessionId(candidate))
        : Optional.empty();
  }

  /** Parses a trusted name, throwing {@link IllegalArgumentException} when it is unsafe. */
  public static SessionId of(String raw) {
    return parse(raw)
        .orElseThrow(() -> new IllegalArgumentException("Not a safe session id: " + describe(raw)));
  }

  @Override
  public int compareTo(SessionId other) {
    return value.compareTo(other.value);
  }

  @Override
  public String toString() {
    return value;
  }

  /** Quotes an untrusted name for a log line, escaping control characters and cutting it short. */
  public static String describe(String raw) {
    if (raw == null) {
      return "null";
    }
    var sb = new StringBuilder("\"");
    raw.codePoints()
        .limit(200)
        .forEach(
            cp -> {
              if (cp < 0x20 || cp == 0x7f || cp == '"' || cp == '\\') {
                sb.append(String.format("\\u%04x", cp));
              } else {
                sb.appendCodePoint(cp);
              }
            });
    if (raw.codePointCount(0, raw.length()) > 200) {
      sb.append("…");
    }
    return sb.append('"').toString();
  }
}
