package io.recpipe.converter.render;

import io.recpipe.converter.parse.Instruction;
import java.io.IOException;
import java.util.Arrays;
import java.util.Base64;

/**
 * Image streams ({@code img}, {@code blob}, {@code end}): collects each stream's decoded bytes and
 * draws the image with its channel mask when the stream ends. The bytes held count against the
 * pixel budget (four to a pixel) until the stream ends.
 */
final class ImageStreams {

  private final Stream[] streams = new Stream[Limits.MAX_STREAMS];
  private final Display display;
  private final ImageDecoder decoder;
  private final Anomalies anomalies;
  private final Base64.Decoder base64 = Base64.getDecoder();

  ImageStreams(Display display, ImageDecoder decoder, Anomalies anomalies) {
    this.display = display;
    this.decoder = decoder;
    this.anomalies = anomalies;
  }

  private static final class Stream {
    final int mask;
    final int layer;
    final String mimetype;
    final int x;
    final int y;
    byte[] data = new byte[8192];
    int length;
    boolean overflow;

    Stream(int mask, int layer, String mimetype, int x, int y) {
      this.mask = mask;
      this.layer = layer;
      this.mimetype = mimetype;
      this.x = x;
      this.y = y;
    }
  }

  void img(Instruction in) {
    int index = in.intArg(0);
    if (index < 0 || index >= streams.length) {
      anomalies.report("stream index out of range", in);
      return;
    }
    Stream s = new Stream(in.intArg(1), in.intArg(2), in.args()[3], in.intArg(4), in.intArg(5));
    close(index);
    budget().charge(held(s.data), "an image stream");
    streams[index] = s;
  }

  void blob(Instruction in) {
    Stream s = stream(in.intArg(0));
    if (s == null || s.overflow) {
      return;
    }
    byte[] chunk;
    try {
      chunk = base64.decode(in.args()[1]);
    } catch (IllegalArgumentException e) {
      anomalies.report("blob is not base64", in);
      s.overflow = true;
      return;
    }
    if ((long) s.length + chunk.length > Limits.MAX_STREAM_BYTES) {
      anomalies.report("image stream beyond limits", in);
      s.overflow = true;
      budget().release(held(s.data));
      s.data = new byte[0];
      return;
    }
    if (s.length + chunk.length > s.data.length) {
      int size = Math.max(s.length + chunk.length, s.data.length * 2);
      budget().charge((size + 3L) / 4 - held(s.data), "an image stream of " + size + " bytes");
      s.data = Arrays.copyOf(s.data, size);
    }
    System.arraycopy(chunk, 0, s.data, s.length, chunk.length);
    s.length += chunk.length;
  }

  void end(Instruction in) {
    int index = in.intArg(0);
    Stream s = stream(index);
    if (s == null) {
      return;
    }
    try {
      if (!s.overflow) {
        draw(s, in);
      }
    } finally {
      close(index);
      decoder.release();
    }
  }

  private void draw(Stream s, Instruction in) {
    ImageDecoder.Decoded image;
    try {
      image = decoder.decode(s.data, s.length, s.mimetype);
    } catch (PixelBudget.ExceededException e) {
      throw e; // the recording fails, not just this image
    } catch (ImageDecoder.TooLargeException e) {
      anomalies.report("image beyond limits", in);
      return;
    } catch (IOException | RuntimeException e) {
      anomalies.report("image not decodable (" + s.mimetype + ")", in);
      return;
    }
    Surface target = display.surface(s.layer, in);
    if (target == null || !display.fit(target, s.x + image.width(), s.y + image.height(), in)) {
      return;
    }
    target.draw(
        image.pixels(),
        image.width(),
        image.height(),
        0,
        0,
        image.width(),
        image.height(),
        s.x,
        s.y,
        operator(s.mask, image));
    display.touched(s.layer, s.x, s.y, image.width(), image.height());
  }

  /** The mask's operator; OVER an image known to be opaque is the same as SRC, a plain copy. */
  private static CompositeOperator operator(int mask, ImageDecoder.Decoded image) {
    CompositeOperator op = CompositeOperator.ofMask(mask);
    return op == CompositeOperator.OVER && image.opaque() ? CompositeOperator.SRC : op;
  }

  private Stream stream(int index) {
    return index >= 0 && index < streams.length ? streams[index] : null;
  }

  /** Forgets a stream, giving its bytes back to the budget. */
  private void close(int index) {
    Stream s = streams[index];
    if (s != null) {
      budget().release(held(s.data));
      streams[index] = null;
    }
  }

  private PixelBudget budget() {
    return display.budget();
  }

  /** Pixels' worth of bytes held. */
  private static long held(byte[] data) {
    return (data.length + 3L) / 4;
  }
}
