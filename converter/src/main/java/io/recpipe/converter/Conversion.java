package io.recpipe.converter;

import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The result of a successful conversion.
 *
 * @param sessionDuration the session's length as the recording tells it (last minus first
 *     timestamp)
 * @param videoDuration the MP4's duration as ffprobe reads it
 * @param frames the number of video frames written
 * @param partial whether only part of the recording was converted: it was cut short (converted up
 *     to its last complete instruction) or had damaged parts that were skipped
 * @param bytesIgnored how many bytes were not converted: the damaged ranges and a cut-off end
 * @param damaged the byte ranges that were not instructions and were skipped, in order (empty when
 *     none)
 * @param sidecars the files made beside the MP4 (keystroke track, poster), when asked for and made
 */
public record Conversion(
    Duration sessionDuration,
    Duration videoDuration,
    long frames,
    boolean partial,
    long bytesIgnored,
    List<ByteRange> damaged,
    List<Sidecar> sidecars) {

  /** Ranges named in {@link #detail()}; more are counted. */
  private static final int RANGES_IN_DETAIL = 4;

  public Conversion {
    damaged = List.copyOf(damaged);
    sidecars = List.copyOf(sidecars);
  }

  /** A conversion without sidecars. */
  public Conversion(
      Duration sessionDuration,
      Duration videoDuration,
      long frames,
      boolean partial,
      long bytesIgnored,
      List<ByteRange> damaged) {
    this(sessionDuration, videoDuration, frames, partial, bytesIgnored, damaged, List.of());
  }

  /** A conversion without damaged ranges. */
  public Conversion(
      Duration sessionDuration,
      Duration videoDuration,
      long frames,
      boolean partial,
      long bytesIgnored) {
    this(sessionDuration, videoDuration, frames, partial, bytesIgnored, List.of());
  }

  /** This conversion with {@code made} as its sidecars. */
  public Conversion withSidecars(List<Sidecar> made) {
    return new Conversion(
        sessionDuration, videoDuration, frames, partial, bytesIgnored, damaged, made);
  }

  /**
   * What was not converted, in a short sentence for people (logs, the status detail sent to
   * EmpowerID): e.g. {@code Converted in part: damaged bytes skipped: 1070012-1402344; 332332 bytes
   * not converted}. Empty when the whole recording was converted.
   */
  public String detail() {
    if (!partial) {
      return "";
    }
    StringBuilder b = new StringBuilder("Converted in part: ");
    if (damaged.isEmpty()) {
      b.append("recording cut short");
    } else {
      b.append("damaged bytes skipped: ")
          .append(
              damaged.stream()
                  .limit(RANGES_IN_DETAIL)
                  .map(ByteRange::toString)
                  .collect(Collectors.joining(", ")));
      if (damaged.size() > RANGES_IN_DETAIL) {
        b.append(" and ").append(damaged.size() - RANGES_IN_DETAIL).append(" more ranges");
      }
    }
    return b.append("; ").append(bytesIgnored).append(" bytes not converted").toString();
  }
}
