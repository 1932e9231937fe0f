package io.recpipe.converter.render;

import io.recpipe.converter.parse.Instruction;

/**
 * The memory one rendering may hold, in pixels (4 bytes each): layers, buffers and the cursor once
 * drawn on, the video frames in flight, image streams being received and images being decoded.
 * Whatever would take more is refused with {@link ExceededException} before it is allocated, so a
 * hostile or broken recording ends in a permanent error instead of an {@code OutOfMemoryError}.
 *
 * <p>Not thread-safe: one per rendering, used on the rendering thread only.
 */
final class PixelBudget {

  private final long limit;
  private long used;
  private long peak;
  private Instruction current;

  PixelBudget(long limit) {
    this.limit = limit;
  }

  /** A budget that never runs out, for tests that draw without one. */
  static PixelBudget unlimited() {
    return new PixelBudget(Long.MAX_VALUE);
  }

  /** The instruction being applied: the one named when the budget runs out. */
  void at(Instruction instruction) {
    this.current = instruction;
  }

  /**
   * Takes {@code pixels} from the budget.
   *
   * @param what what they are for, for the message (e.g. {@code a 8192x8192 layer})
   * @throws ExceededException when they do not fit; nothing is taken then
   */
  void charge(long pixels, String what) {
    if (pixels <= 0) {
      return;
    }
    if (pixels > limit - used) {
      throw new ExceededException(
          what
              + " needs "
              + pixels
              + " pixels but "
              + used
              + " of the budget of "
              + limit
              + " pixels are in use; instruction: "
              + (current == null
                  ? "none"
                  : current.opcode() + " at byte offset " + current.offset()));
    }
    used += pixels;
    peak = Math.max(peak, used);
  }

  /** Gives back pixels taken with {@link #charge}. */
  void release(long pixels) {
    if (pixels > 0) {
      used = Math.max(0, used - pixels);
    }
  }

  long used() {
    return used;
  }

  /** The most pixels held at once so far. */
  long peak() {
    return peak;
  }

  long limit() {
    return limit;
  }

  /** Pixels for a {@code width} x {@code height} area (never negative, never overflowing). */
  static long area(long width, long height) {
    return Math.max(0, width) * Math.max(0, height);
  }

  /** The recording needs more memory than its budget: a permanent failure. */
  static final class ExceededException extends RuntimeException {
    ExceededException(String message) {
      super(message, null, false, false);
    }
  }
}
