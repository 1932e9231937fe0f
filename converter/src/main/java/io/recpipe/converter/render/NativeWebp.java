package io.recpipe.converter.render;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import java.io.IOException;
import java.nio.ByteOrder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * WebP decoding through the system's libwebp (Debian: {@code libwebp7}, which ffmpeg already pulls
 * in), when it can be loaded. The pure-Java TwelveMonkeys decoder takes several times longer and
 * dominated conversion time on VNC recordings; it remains the fallback.
 *
 * <p>Calls are JNA direct-mapped and go through native buffers kept between images, so an image
 * costs one copy in (the compressed bytes) and one copy out (the pixels), and no allocation.
 * Instances are not thread-safe: one per rendering.
 */
final class NativeWebp implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(NativeWebp.class);
  private static final boolean AVAILABLE = Lib.load();

  /** Native buffers up to this size are kept for the next image; larger ones are freed. */
  private static final long KEEP_BYTES = 16L << 20;

  private final Memory size = new Memory(8);
  private Memory in;
  private Memory out;

  /** The part of libwebp's decode API used here. */
  private static final class Lib {
    static native int WebPGetInfo(Pointer data, long size, Pointer width, Pointer height);

    static native Pointer WebPDecodeBGRAInto(
        Pointer data, long size, Pointer out, long outSize, int stride);

    static boolean load() {
      if (ByteOrder.nativeOrder() != ByteOrder.LITTLE_ENDIAN) {
        return false; // BGRA bytes are read as little-endian ARGB ints
      }
      try {
        Native.register(Lib.class, "webp");
        return true;
      } catch (UnsatisfiedLinkError | RuntimeException e) {
        log.info(
            "System libwebp not found; WebP images decode in Java. reason: {}", e.getMessage());
        return false;
      }
    }
  }

  /**
   * Decodes to premultiplied ARGB into {@code scratch} (or a new array when it is too small).
   *
   * @return the image, or null when libwebp is not available
   * @throws IOException when the data is not a WebP image or is too large
   */
  ImageDecoder.Decoded decode(
      byte[] data, int length, ImageDecoder.Admission admission, ImageDecoder.Scratch scratch)
      throws IOException {
    if (!AVAILABLE) {
      return null;
    }
    in = reserve(in, length);
    in.write(0, data, 0, length);
    if (Lib.WebPGetInfo(in, length, size, size.share(4)) == 0) {
      throw new IOException("not a WebP image");
    }
    int w = size.getInt(0);
    int h = size.getInt(4);
    admission.admit(w, h);
    long bytes = (long) w * h * 4;
    out = reserve(out, bytes);
    try {
      if (Lib.WebPDecodeBGRAInto(in, length, out, bytes, w * 4) == null) {
        throw new IOException("WebP image does not decode");
      }
      int[] pixels = scratch.pixels(w * h);
      out.read(0, pixels, 0, w * h);
      for (int i = 0; i < w * h; i++) {
        int p = pixels[i];
        if (p >>> 24 != 255) {
          pixels[i] = ImageDecoder.premultiply(p);
        }
      }
      return new ImageDecoder.Decoded(w, h, pixels, false);
    } finally {
      out = release(out);
      in = release(in);
    }
  }

  private static Memory reserve(Memory buffer, long bytes) {
    if (buffer != null && buffer.size() >= bytes) {
      return buffer;
    }
    if (buffer != null) {
      buffer.close();
    }
    return new Memory(Math.max(bytes, 1));
  }

  private static Memory release(Memory buffer) {
    if (buffer != null && buffer.size() > KEEP_BYTES) {
      buffer.close();
      return null;
    }
    return buffer;
  }

  @Override
  public void close() {
    in = closed(in);
    out = closed(out);
    size.close();
  }

  private static Memory closed(Memory buffer) {
    if (buffer != null) {
      buffer.close();
    }
    return null;
  }
}
