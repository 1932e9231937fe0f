package io.recpipe.converter.render;

import java.io.IOException;
import java.util.Arrays;

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

  /** A picture composed too soon after the last frame: shown at {@link #pendingDue}. */
  private FrameWriter.Frame pending;

  private long pendingDue;
  private long backwards;

  /** Where the screen changed since the last look. */
  private final Area changed = new Area();

  /** Where the picture changed since the last frame handed to the encoder. */
  private final Area sinceEmitted = Area.all();

  private final Area nothing = new Area();

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
    if (pending != null && t >= pendingDue) {
      emit(pending, pendingDue);
      pending = null;
    }
    if (!display.takeChanged(changed)) {
      return;
    }
    if (composer == null && !startComposer()) {
      display.markChanged(); // nothing to show yet; try again at the next moment
      return;
    }
    // A newer change replaces a pending picture (drawn again into the same buffer).
    FrameWriter.Frame frame = pending != null ? pending : encoder.acquire();
    compose(frame, changed);
    long due = lastEmitted == Long.MIN_VALUE ? t : Math.max(t, lastEmitted + intervalMillis);
    if (t >= due) {
      emit(frame, t);
      pending = null;
    } else {
      pending = frame;
      pendingDue = due;
    }
  }

  /** Ends the video: the last picture is held until the session's last moment. */
  void finish() throws IOException {
    if (first == Long.MIN_VALUE) {
      return;
    }
    if (display.takeChanged(changed) && composer != null) {
      FrameWriter.Frame frame = pending != null ? pending : encoder.acquire();
      compose(frame, changed);
      pending = frame;
      pendingDue = Math.max(last - first, lastEmitted + intervalMillis);
    }
    if (pending != null) {
      emit(pending, Math.max(lastEmitted + 1, Math.min(pendingDue, last - first)));
      pending = null;
    }
    if (encoder != null && lastEmitted < last - first) {
      FrameWriter.Frame frame = encoder.acquire();
      compose(frame, nothing); // the same picture again, into a buffer that may hold an older one
      emit(frame, last - first);
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
    // Held to the end: the frame buffers in flight and the I420 picture (1.5 bytes a pixel, held
    // twice: on the heap and the direct copy written to ffmpeg's pipe).
    long frame = PixelBudget.area(w, h);
    display.budget().charge(frame * FrameWriter.BUFFERS + frame, "video frames of " + w + "x" + h);
    composer = new FrameComposer(w, h, display.budget());
    encoder = factory.start(w, h);
    return true;
  }

  private void compose(FrameWriter.Frame frame, Area screenChanged) {
    if (composer.composeInto(display, frame.pixels(), screenChanged)) {
      sinceEmitted.setAll();
    } else {
      sinceEmitted.add(screenChanged);
    }
  }

  private void emit(FrameWriter.Frame frame, long timecode) throws IOException {
    if (lastEmitted == Long.MIN_VALUE && timecode > 0) {
      // The video starts with the session: black until the first picture.
      FrameWriter.Frame black = encoder.acquire();
      composer.forget(black.pixels());
      Arrays.fill(black.pixels(), 0);
      encoder.submit(black, 0, Area.all());
      sinceEmitted.setAll();
    }
    encoder.submit(frame, timecode, sinceEmitted);
    sinceEmitted.clear();
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
