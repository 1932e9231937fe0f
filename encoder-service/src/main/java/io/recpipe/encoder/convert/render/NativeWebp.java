package io.recpipe.encoder.convert.render;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * WebP decoding through the system's libwebp (Debian: {@code libwebp7}, which ffmpeg already pulls
 * in), when it can be loaded. The pure-Java TwelveMonkeys decoder takes several times longer and
 * dominated conversion time on VNC recordings; it remains the fallback.
 */
final class NativeWebp {

  private static final Logger log = LoggerFactory.getLogger(NativeWebp.class);
  private static final Optional<Lib> LIB = load();

  private NativeWebp() {}

  /** The part of libwebp's decode API used here. */
  interface Lib extends Library {
    int WebPGetInfo(byte[] data, long size, int[] width, int[] height);

    Pointer WebPDecodeBGRAInto(byte[] data, long size, byte[] out, long outSize, int stride);
  }

  static boolean available() {
    return LIB.isPresent();
  }

  /**
   * Decodes to premultiplied ARGB.
   *
   * @return the image, or empty when libwebp is not available
   * @throws java.io.IOException when the data is not a WebP image or is too large
   */
  static Optional<ImageDecoder.Decoded> decode(byte[] data, int length, Limits limits)
      throws java.io.IOException {
    if (LIB.isEmpty()) {
      return Optional.empty();
    }
    Lib lib = LIB.get();
    int[] w = new int[1];
    int[] h = new int[1];
    if (lib.WebPGetInfo(data, length, w, h) == 0) {
      throw new java.io.IOException("not a WebP image");
    }
    if (!limits.allows(w[0], h[0])) {
      throw new ImageDecoder.TooLargeException(w[0], h[0]);
    }
    byte[] bgra = new byte[w[0] * h[0] * 4];
    if (lib.WebPDecodeBGRAInto(data, length, bgra, bgra.length, w[0] * 4) == null) {
      throw new java.io.IOException("WebP image does not decode");
    }
    int[] pixels = new int[w[0] * h[0]];
    ByteBuffer.wrap(bgra).order(ByteOrder.LITTLE_ENDIAN).asIntBuffer().get(pixels);
    for (int i = 0; i < pixels.length; i++) {
      pixels[i] = ImageDecoder.premultiply(pixels[i]);
    }
    return Optional.of(new ImageDecoder.Decoded(w[0], h[0], pixels));
  }

  private static Optional<Lib> load() {
    try {
      return Optional.of(Native.load("webp", Lib.class));
    } catch (UnsatisfiedLinkError | RuntimeException e) {
      log.info("System libwebp not found; WebP images decode in Java. reason: {}", e.getMessage());
      return Optional.empty();
    }
  }
}
