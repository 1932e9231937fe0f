package io.recpipe.converter.parse;

import io.recpipe.converter.ByteRange;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The byte ranges of a recording that were not instructions and were skipped, in order. Adjacent
 * ranges are joined; past {@link #MAX_RANGES} ranges later damage extends the last one (which then
 * spans some good bytes too), so a thoroughly broken file cannot grow the list or flood the log: a
 * WARN for each of the first {@value #LOGGED} ranges found, then only counting.
 */
final class DamagedRanges {

  private static final Logger log = LoggerFactory.getLogger(DamagedRanges.class);

  static final int MAX_RANGES = 100;
  private static final int LOGGED = 20;

  private final List<ByteRange> ranges = new ArrayList<>();
  private long bytes;
  private long found;

  /** Notes that bytes {@code from} to {@code to} (exclusive) were skipped, and why. */
  void add(long from, long to, String reason) {
    bytes += to - from;
    if (++found <= LOGGED) {
      log.warn(
          "Recording damaged: bytes skipped to the next instruction. from: {}, to: {}, bytes: {},"
              + " reason: {}{}",
          from,
          to,
          to - from,
          reason,
          found == LOGGED ? " (later damage is only counted)" : "");
    }
    int last = ranges.size() - 1;
    if (last >= 0 && (ranges.get(last).to() == from || ranges.size() >= MAX_RANGES)) {
      ranges.set(last, new ByteRange(ranges.get(last).from(), to));
    } else {
      ranges.add(new ByteRange(from, to));
    }
  }

  List<ByteRange> ranges() {
    return List.copyOf(ranges);
  }

  /** The bytes skipped (not counting good bytes a merged range spans). */
  long bytes() {
    return bytes;
  }
}
