package io.recpipe.converter.render;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Hands frames to a writer thread that converts them to I420 and writes them to ffmpeg, so that
 * rendering goes on while ffmpeg takes the previous frame: the JVM and ffmpeg use two cores.
 *
 * <p>Frames are drawn straight into the writer's buffers: {@link #acquire} lends one, {@link
 * #submit} queues it. Memory stays bounded: {@value #BUFFERS} frame buffers are allocated once and
 * reused; {@link #acquire} waits while all of them are in use (the writer keeps the last frame, to
 * see which rows changed). A write failure (ffmpeg went away) is kept and thrown by the next {@link
 * #acquire} or by {@link #finish}.
 */
final class FrameWriter {

  static final int BUFFERS = 4;

  private final MatroskaWriter writer;
  private final Yuv420 yuv;
  private final BlockingQueue<Frame> free = new ArrayBlockingQueue<>(BUFFERS);
  private final BlockingQueue<Frame> full = new ArrayBlockingQueue<>(BUFFERS + 1);
  private final Thread thread;
  private volatile IOException failure;

  /** A frame buffer lent by {@link #acquire}: draw into {@link #pixels}, then {@link #submit}. */
  static final class Frame {
    private final int[] argb;
    private final Area changed = new Area();
    private long timecode;

    private Frame(int[] argb) {
      this.argb = argb;
    }

    int[] pixels() {
      return argb;
    }
  }

  private static final Frame END = new Frame(new int[0]);

  FrameWriter(MatroskaWriter writer, int width, int height) {
    this.writer = writer;
    this.yuv = new Yuv420(width, height, writer.writesBuffers());
    for (int i = 0; i < BUFFERS; i++) {
      free.add(new Frame(new int[width * height]));
    }
    this.thread = new Thread(this::run, "frame-writer");
    thread.setDaemon(true);
    thread.start();
  }

  /** Lends a free frame buffer (with the pixels of some earlier frame), waiting for one. */
  Frame acquire() throws IOException {
    Frame frame = null;
    try {
      while (frame == null) {
        rethrow();
        if (!thread.isAlive()) {
          throw new IOException("frame writer stopped");
        }
        frame = free.poll(100, TimeUnit.MILLISECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while waiting for ffmpeg");
    }
    return frame;
  }

  /**
   * Queues a frame from {@link #acquire} to be written with {@code timecode}; {@code changed} is
   * where it differs from the frame submitted before it (only that part is converted to I420).
   */
  void submit(Frame frame, long timecode, Area changed) {
    frame.timecode = timecode;
    frame.changed.set(changed);
    full.add(frame); // never full: at most BUFFERS frames and the end marker are queued
  }

  /**
   * Lets the writer thread write what is queued and waits for it.
   *
   * @return false when it did not finish within {@code timeoutMillis}
   */
  boolean finish(long timeoutMillis) throws IOException, InterruptedException {
    full.add(END);
    thread.join(Math.max(1, timeoutMillis));
    if (thread.isAlive()) {
      return false;
    }
    rethrow();
    return true;
  }

  /** Stops the writer thread without waiting (ffmpeg is being killed). */
  void abort() {
    thread.interrupt();
  }

  private void rethrow() throws IOException {
    IOException e = failure;
    if (e != null) {
      throw new IOException(e.getMessage(), e);
    }
  }

  private void run() {
    Frame previous = null;
    try {
      while (true) {
        Frame frame = full.take();
        if (frame == END) {
          return;
        }
        if (previous == null) {
          frame.changed.setAll();
        }
        yuv.convert(frame.argb, previous == null ? null : previous.argb, frame.changed);
        if (writer.writesBuffers()) {
          writer.writeFrame(yuv.direct(), frame.timecode);
        } else {
          writer.writeFrame(yuv.bytes(), frame.timecode);
        }
        if (previous != null) {
          free.add(previous);
        }
        previous = frame;
      }
    } catch (IOException e) {
      failure = e;
    } catch (InterruptedException e) {
      failure = new InterruptedIOException("frame writer interrupted");
    } catch (RuntimeException e) {
      failure = new IOException("frame writer failed: " + e, e);
    }
  }
}
