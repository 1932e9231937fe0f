package io.recpipe.converter.render;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.awt.image.DataBufferInt;
import java.awt.image.IndexColorModel;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Iterator;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * Decodes PNG (our own {@link PngDecoder}, ImageIO for what it leaves), JPEG (ImageIO) and WebP
 * (libwebp, TwelveMonkeys without it) image streams into premultiplied ARGB pixels. Not
 * thread-safe: one per rendering.
 */
final class ImageDecoder implements AutoCloseable {

  static {
    ImageIO.setUseCache(false); // decode in memory, never through temp files
    ImageIO.scanForPlugins();
  }

  private final Limits limits;
  private final PixelBudget budget;
  private final PngDecoder png = new PngDecoder();
  private final NativeWebp webp = new NativeWebp();
  private final Scratch scratch = new Scratch();

  /** Pixels taken from the budget for the image being decoded and drawn. */
  private long held;

  private final Admission admission = this::admit;

  ImageDecoder(Limits limits, PixelBudget budget) {
    this.limits = limits;
    this.budget = budget;
  }

  /** A decoder outside any budget (tests). */
  ImageDecoder(Limits limits) {
    this(limits, PixelBudget.unlimited());
  }

  /**
   * Told an image's declared size (PNG IHDR, JPEG SOF, WebP header) before any pixel is decoded.
   */
  interface Admission {
    /**
     * Lets the image be decoded, or not.
     *
     * @throws TooLargeException when the image is beyond the limits and must be skipped
     */
    void admit(int width, int height) throws IOException;
  }

  /**
   * A decoded image: {@code width * height} pixels, row by row, at the start of {@code pixels}
   * (which may be longer). The array may be reused by the next {@link #decode}: draw it first.
   * {@code opaque}: every pixel is known to be opaque (from the format: then OVER draws as SRC, a
   * plain copy); false when not known.
   */
  record Decoded(int width, int height, int[] pixels, boolean opaque) {}

  /** A pixel array reused from image to image, so that drawing an image allocates nothing. */
  static final class Scratch {
    /** Arrays up to this many pixels (16 MB) are kept for the next image. */
    private static final int KEEP_PIXELS = 4 << 20;

    private int[] pixels = new int[0];

    int[] pixels(int count) {
      if (count > KEEP_PIXELS) {
        return new int[count];
      }
      if (pixels.length < count) {
        pixels = new int[Math.max(count, Math.min(KEEP_PIXELS, pixels.length * 2))];
      }
      return pixels;
    }
  }

  /** Thrown when an image is readable but larger than the limits allow. */
  static final class TooLargeException extends IOException {
    TooLargeException(int w, int h) {
      super("image too large: " + w + "x" + h);
    }
  }

  /**
   * Decodes an image. Its declared size is taken from the budget before decoding and held until
   * {@link #release()}: call that once the image is drawn.
   *
   * @throws PixelBudget.ExceededException when the declared size does not fit in the budget
   * @throws TooLargeException when it is beyond the limits (the image is to be skipped)
   * @throws IOException when the data is not an image of that type
   */
  Decoded decode(byte[] data, int length, String mimetype) throws IOException {
    release();
    if (mimetype.equals("image/webp")) {
      Decoded fast = webp.decode(data, length, admission, scratch);
      if (fast != null) {
        return fast;
      }
    } else if (mimetype.equals("image/png") && PngDecoder.isPng(data, length)) {
      Decoded fast = png.decode(data, length, admission, scratch);
      if (fast != null) {
        return fast;
      }
    }
    Iterator<ImageReader> readers = ImageIO.getImageReadersByMIMEType(mimetype);
    if (!readers.hasNext()) {
      throw new IOException("no decoder for mimetype " + mimetype);
    }
    ImageReader reader = readers.next();
    try (ImageInputStream in =
        ImageIO.createImageInputStream(new ByteArrayInputStream(data, 0, length))) {
      reader.setInput(in, true, true);
      int w = reader.getWidth(0);
      int h = reader.getHeight(0);
      admit(w, h);
      BufferedImage image = reader.read(0);
      return new Decoded(
          image.getWidth(),
          image.getHeight(),
          premultipliedPixels(image),
          !image.getColorModel().hasAlpha());
    } finally {
      reader.dispose();
    }
  }

  /** Gives back to the budget what the last decoded image held. */
  void release() {
    budget.release(held);
    held = 0;
  }

  /**
   * Budget first (an image no budget can hold fails the recording), then the limits (an image of
   * absurd proportions is skipped). Twice the pixels: the decoded image and the decoder's own copy
   * (ImageIO's raster, libwebp's output buffer).
   */
  private void admit(int width, int height) throws IOException {
    long pixels = 2 * PixelBudget.area(width, height);
    budget.charge(pixels, "a " + width + "x" + height + " image (declared, not yet decoded)");
    held += pixels;
    limits.admit(width, height);
  }

  @Override
  public void close() {
    release();
    png.close();
    webp.close();
  }

  static int[] premultipliedPixels(BufferedImage image) {
    int w = image.getWidth();
    int h = image.getHeight();
    int[] out = new int[w * h];
    switch (image.getType()) {
      case BufferedImage.TYPE_3BYTE_BGR -> {
        byte[] d = ((DataBufferByte) image.getRaster().getDataBuffer()).getData();
        for (int i = 0, j = 0; i < out.length; i++, j += 3) {
          out[i] = 0xFF000000 | (d[j + 2] & 0xFF) << 16 | (d[j + 1] & 0xFF) << 8 | (d[j] & 0xFF);
        }
      }
      case BufferedImage.TYPE_4BYTE_ABGR -> {
        byte[] d = ((DataBufferByte) image.getRaster().getDataBuffer()).getData();
        for (int i = 0, j = 0; i < out.length; i++, j += 4) {
          int argb =
              (d[j] & 0xFF) << 24
                  | (d[j + 3] & 0xFF) << 16
                  | (d[j + 2] & 0xFF) << 8
                  | d[j + 1] & 0xFF;
          out[i] = premultiply(argb);
        }
      }
      case BufferedImage.TYPE_INT_RGB -> {
        int[] d = ((DataBufferInt) image.getRaster().getDataBuffer()).getData();
        for (int i = 0; i < out.length; i++) {
          out[i] = 0xFF000000 | d[i];
        }
      }
      case BufferedImage.TYPE_INT_ARGB -> {
        int[] d = ((DataBufferInt) image.getRaster().getDataBuffer()).getData();
        for (int i = 0; i < out.length; i++) {
          out[i] = premultiply(d[i]);
        }
      }
      default -> {
        if (image.getColorModel() instanceof IndexColorModel palette
            && image.getRaster().getNumBands() == 1) {
          // Palette PNGs (common for terminal text): one table lookup per pixel instead of
          // getRGB's per-pixel colour-model calls.
          int[] table = new int[palette.getMapSize()];
          palette.getRGBs(table);
          for (int n = 0; n < table.length; n++) {
            table[n] = premultiply(table[n]);
          }
          image.getRaster().getSamples(0, 0, w, h, 0, out);
          for (int i = 0; i < out.length; i++) {
            int index = out[i];
            out[i] = index < table.length ? table[index] : 0;
          }
          return out;
        }
        image.getRGB(0, 0, w, h, out, 0, w);
        for (int i = 0; i < out.length; i++) {
          out[i] = premultiply(out[i]);
        }
      }
    }
    return out;
  }

  /** Straight ARGB to premultiplied ARGB. */
  static int premultiply(int argb) {
    int a = argb >>> 24;
    if (a == 255) {
      return argb;
    }
    return CompositeOperator.mix(argb | 0xFF000000, a);
  }
}
