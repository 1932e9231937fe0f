package io.recpipe.encoder.convert.render;

import java.io.IOException;

/**
 * Turns the recording's moments ({@code sync}, timestamped {@code mouse}) into video frames with
 * real timestamps: a frame only when the picture changed, at most one per {@code 1000 / maxFps} ms
 * (a change that comes sooner is shown when the interval has passed), and the last picture held
 * until the session's last moment so that the video lasts as long as the session.
 */
final class Timeline {

  /** Creates the encoder once the video's size is known (at the first frame). */
  interface EncoderFactory {
    VideoEncoder start(int width, int height) throws IOException;
  }

  private final Display display;
  private final long intervalMillis;
  private final int fixedWidth;
  private final int fixedHeight;
  private final EncoderFactory factory;

  private FrameComposer composer;
  private VideoEncoder encoder;
  private long first = Long.MIN_VALUE;
  private long last = Long.MIN_VALUE;
  private long lastEmitted = Long.MIN_VALUE;
  private int[] pending;
  private long pendingDue;
  private boolean havePending;
  private long backwards;

  Timeline(Display display, int maxFps, int width, int height, EncoderFactory factory) {
    this.display = display;
    this.intervalMillis = 1000L / maxFps;
    this.fixedWidth = width;
    this.fixedHeight = height;
    this.factory = factory;
  }

  /** A moment of the session: emit the picture if it changed. */
  void mark(long timestamp) throws IOException {
    if (first == Long.MIN_VALUE) {
      first = timestamp;
    } else if (timestamp < last) {
      backwards++;
      return;
    }
    last = timestamp;
    long t = timestamp - first;
    if (havePending && t >= pendingDue) {
      emit(pending, pendingDue);
      havePending = false;
    }
    if (!display.takeChanged()) {
      return;
    }
    if (composer == null && !startComposer()) {
      display.markChanged(); // nothing to show yet; try again at the next moment
      return;
    }
    int[] frame = composer.compose(display);
    long due = lastEmitted == Long.MIN_VALUE ? t : Math.max(t, lastEmitted + intervalMillis);
    if (t >= due) {
      emit(frame, t);
    } else {
      if (pending == null) {
        pending = new int[frame.length];
      }
      System.arraycopy(frame, 0, pending, 0, frame.length);
      pendingDue = due;
      havePending = true;
    }
  }

  /** Ends the video: the last picture is held until the session's last moment. */
  void finish() throws IOException {
    if (first == Long.MIN_VALUE) {
      return;
    }
    if (display.takeChanged() && composer != null) {
      int[] frame = composer.compose(display);
      if (pending == null) {
        pending = new int[frame.length];
      }
      System.arraycopy(frame, 0, pending, 0, frame.length);
      pendingDue = Math.max(last - first, lastEmitted + intervalMillis);
      havePending = true;
    }
    if (havePending) {
      emit(pending, Math.max(lastEmitted + 1, Math.min(pendingDue, last - first)));
      havePending = false;
    }
    if (encoder != null && lastEmitted < last - first) {
      encoder.frame(composer.compose(display), last - first);
      lastEmitted = last - first;
    }
  }

  private boolean startComposer() throws IOException {
    Layer screen = display.existingLayer(0);
    int w = fixedWidth;
    int h = fixedHeight;
    if (w == 0 || h == 0) {
      if (screen == null || screen.surface.width() == 0 || screen.surface.height() == 0) {
        return false;
      }
      w = screen.surface.width();
      h = screen.surface.height();
    }
    w += w % 2; // yuv420p needs even dimensions
    h += h % 2;
    composer = new FrameComposer(w, h);
    encoder = factory.start(w, h);
    return true;
  }

  private void emit(int[] frame, long timecode) throws IOException {
    if (lastEmitted == Long.MIN_VALUE && timecode > 0) {
      encoder.frame(new int[frame.length], 0); // the video starts with the session
    }
    encoder.frame(frame, timecode);
    lastEmitted = timecode;
  }

  VideoEncoder encoder() {
    return encoder;
  }

  /** The session's length in ms: last minus first moment (0 when there were none). */
  long sessionMillis() {
    return first == Long.MIN_VALUE ? 0 : last - first;
  }

  boolean hasMoments() {
    return first != Long.MIN_VALUE;
  }

  long backwardsMoments() {
    return backwards;
  }
}
