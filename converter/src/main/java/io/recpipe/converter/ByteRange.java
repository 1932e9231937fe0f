package io.recpipe.converter;

/**
 * Bytes {@code from} (inclusive) to {@code to} (exclusive) of a file, e.g. a damaged part of a
 * recording that was skipped.
 */
public record ByteRange(long from, long to) {

  public ByteRange {
    if (from < 0 || to < from) {
      throw new IllegalArgumentException("not a byte range: " + from + "-" + to);
    }
  }

  public long length() {
    return to - from;
  }

  /** {@code from-to}, {@code to} exclusive. */
  @Override
  public String toString() {
    return from + "-" + to;
  }
}
