package io.recpipe.converter.render;

import java.io.IOException;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * A PNG decoder for what guacd sends: non-interlaced images of 8 bits per sample (grey, RGB,
 * palette, grey + alpha, RGBA) and palettes of 1, 2 or 4 bits, with {@code tRNS} transparency.
 * Everything else (16-bit samples, interlacing) is left to ImageIO: {@link #decode} returns null.
 *
 * <p>Why not ImageIO for all: on a busy VNC recording ImageIO's reader took about as long as all
 * the drawing together (per image it builds streams, metadata and a BufferedImage, then we copy the
 * pixels out again); this inflates straight into one reused row buffer and writes premultiplied
 * ARGB. Colours are taken as stored: no gamma correction, as with ImageIO before. CRCs are not
 * checked (a damaged image shows damaged pixels, or is reported undecodable when zlib refuses it).
 */
final class PngDecoder implements AutoCloseable {

  private static final long SIGNATURE = 0x89504E470D0A1A0AL;
  private static final int IHDR = 0x49484452;
  private static final int PLTE = 0x504C5445;
  private static final int TRNS = 0x74524E53;
  private static final int IDAT = 0x49444154;
  private static final int IEND = 0x49454E44;

  private final Inflater inflater = new Inflater();
  private byte[] current = new byte[0];
  private byte[] prior = new byte[0];

  /** Whether {@code data} starts with the PNG signature. */
  static boolean isPng(byte[] data, int length) {
    return length >= 8 && readLong(data, 0) == SIGNATURE;
  }

  /**
   * Decodes a PNG to premultiplied ARGB.
   *
   * @return the image, or null when it uses a feature left to ImageIO
   * @throws IOException when the data is not a valid PNG, or {@code admission} refuses its size
   */
  ImageDecoder.Decoded decode(
      byte[] data, int length, ImageDecoder.Admission admission, ImageDecoder.Scratch scratch)
      throws IOException {
    if (!isPng(data, length)) {
      throw new IOException("not a PNG image");
    }
    Header header = null;
    int[] palette = null;
    int paletteSize = 0;
    int transparentKey = -1; // grey or RGB colour key from tRNS, as 0xRRGGBB (grey: 0x0000GG)
    int[] out = null;
    Rows rows = null;
    inflater.reset();
    int pos = 8;
    while (true) {
      if (pos + 8 > length) {
        throw new IOException("PNG ends before IEND");
      }
      int chunkLength = readInt(data, pos);
      int type = readInt(data, pos + 4);
      int body = pos + 8;
      if (chunkLength < 0 || body + (long) chunkLength + 4 > length) {
        throw new IOException("PNG chunk runs past the end of the image");
      }
      switch (type) {
        case IHDR -> {
          if (header != null) {
            throw new IOException("PNG has two IHDR chunks");
          }
          header = Header.read(data, body, chunkLength);
          if (header == null) {
            return null;
          }
          admission.admit(header.width, header.height);
        }
        case PLTE -> {
          paletteSize = Math.min(256, chunkLength / 3);
          palette = new int[256];
          for (int i = 0; i < paletteSize; i++) {
            int p = body + i * 3;
            palette[i] =
                0xFF000000
                    | (data[p] & 0xFF) << 16
                    | (data[p + 1] & 0xFF) << 8
                    | data[p + 2] & 0xFF;
          }
        }
        case TRNS -> {
          if (header == null) {
            throw new IOException("tRNS before IHDR");
          }
          if (header.colorType == 3 && palette != null) {
            for (int i = 0; i < Math.min(chunkLength, paletteSize); i++) {
              palette[i] =
                  ImageDecoder.premultiply(palette[i] & 0xFFFFFF | (data[body + i] & 0xFF) << 24);
            }
          } else if (header.colorType == 0 && chunkLength >= 2) {
            transparentKey = data[body + 1] & 0xFF;
          } else if (header.colorType == 2 && chunkLength >= 6) {
            transparentKey =
                (data[body + 1] & 0xFF) << 16
                    | (data[body + 3] & 0xFF) << 8
                    | data[body + 5] & 0xFF;
          }
        }
        case IDAT -> {
          if (header == null) {
            throw new IOException("IDAT before IHDR");
          }
          if (header.colorType == 3 && palette == null) {
            throw new IOException("palette image without PLTE");
          }
          if (rows == null) {
            out = scratch.pixels(header.width * header.height);
            rows = new Rows(header, palette, transparentKey, out);
          }
          inflater.setInput(data, body, chunkLength);
          inflate(rows);
        }
        case IEND -> {
          if (rows == null || rows.y < rows.header.height) {
            throw new IOException("PNG image data ends early");
          }
          return new ImageDecoder.Decoded(
              header.width, header.height, out, opaque(header, palette, transparentKey));
        }
        default -> {
          if ((data[pos + 4] & 0x20) == 0) { // a critical chunk we do not know
            throw new IOException("PNG has an unknown critical chunk");
          }
        }
      }
      pos = body + chunkLength + 4;
    }
  }

  private void inflate(Rows rows) throws IOException {
    int stride = rows.stride;
    if (current.length < stride + 1) {
      current = new byte[stride + 1];
      prior = new byte[stride + 1];
    }
    int idle = 0;
    try {
      while (rows.y < rows.header.height) {
        int n = inflater.inflate(current, rows.filled, stride + 1 - rows.filled);
        rows.filled += n;
        if (rows.filled < stride + 1) {
          // Return only once this chunk's input is used up: the next setInput replaces it.
          if (inflater.needsInput() || inflater.finished()) {
            return;
          }
          if (inflater.needsDictionary() || (n == 0 && ++idle > 64)) {
            throw new IOException("PNG data is not a plain zlib stream");
          }
          continue;
        }
        idle = 0;
        if (rows.y == 0) {
          java.util.Arrays.fill(prior, 0, stride + 1, (byte) 0);
        }
        unfilter(current, prior, stride, rows.header.bytesPerPixel);
        rows.emit(current);
        byte[] t = prior;
        prior = current;
        current = t;
        rows.filled = 0;
      }
    } catch (DataFormatException e) {
      throw new IOException("PNG data is not valid zlib: " + e.getMessage(), e);
    }
  }

  /** Undoes a row's filter in place; byte 0 is the filter type, {@code prior} the row above. */
  private static void unfilter(byte[] row, byte[] prior, int stride, int bpp) throws IOException {
    int filter = row[0];
    switch (filter) {
      case 0 -> {}
      case 1 -> {
        for (int i = 1 + bpp; i <= stride; i++) {
          row[i] += row[i - bpp];
        }
      }
      case 2 -> {
        for (int i = 1; i <= stride; i++) {
          row[i] += prior[i];
        }
      }
      case 3 -> {
        for (int i = 1; i <= stride; i++) {
          int left = i > bpp ? row[i - bpp] & 0xFF : 0;
          row[i] += (byte) ((left + (prior[i] & 0xFF)) >>> 1);
        }
      }
      case 4 -> {
        for (int i = 1; i <= stride; i++) {
          int a = i > bpp ? row[i - bpp] & 0xFF : 0;
          int b = prior[i] & 0xFF;
          int c = i > bpp ? prior[i - bpp] & 0xFF : 0;
          int p = a + b - c;
          int pa = Math.abs(p - a);
          int pb = Math.abs(p - b);
          int pc = Math.abs(p - c);
          row[i] += (byte) (pa <= pb && pa <= pc ? a : pb <= pc ? b : c);
        }
      }
      default -> throw new IOException("PNG row has an unknown filter type " + filter);
    }
  }

  /** The parts of IHDR used here. */
  private record Header(
      int width, int height, int bitDepth, int colorType, int channels, int bytesPerPixel) {

    /** Reads IHDR; null when the image uses a feature left to ImageIO. */
    static Header read(byte[] data, int body, int length) throws IOException {
      if (length < 13) {
        throw new IOException("PNG header is too short");
      }
      int width = readInt(data, body);
      int height = readInt(data, body + 4);
      int bitDepth = data[body + 8];
      int colorType = data[body + 9];
      int interlace = data[body + 12];
      if (width <= 0 || height <= 0) {
        throw new IOException("PNG has no pixels: " + width + "x" + height);
      }
      boolean supported =
          interlace == 0
              && (bitDepth == 8 && (colorType == 0 || colorType == 2 || colorType == 3)
                  || bitDepth == 8 && (colorType == 4 || colorType == 6)
                  || colorType == 3 && (bitDepth == 1 || bitDepth == 2 || bitDepth == 4));
      if (!supported) {
        return null;
      }
      int channels =
          switch (colorType) {
            case 2 -> 3;
            case 4 -> 2;
            case 6 -> 4;
            default -> 1;
          };
      return new Header(
          width, height, bitDepth, colorType, channels, Math.max(1, channels * bitDepth / 8));
    }
  }

  /** Turns unfiltered rows into premultiplied ARGB pixels. */
  private static final class Rows {
    final Header header;
    final int[] palette;
    final int transparentKey;
    final int[] out;
    final int stride;
    int y;
    int filled;

    Rows(Header header, int[] palette, int transparentKey, int[] out) {
      this.header = header;
      this.palette = palette;
      this.transparentKey = transparentKey;
      this.out = out;
      this.stride = (int) (((long) header.width * header.channels * header.bitDepth + 7) / 8);
    }

    void emit(byte[] row) {
      int w = header.width;
      int o = y * w;
      switch (header.colorType) {
        case 3 -> {
          int depth = header.bitDepth;
          if (depth == 8) {
            for (int x = 0; x < w; x++) {
              out[o + x] = palette[row[1 + x] & 0xFF];
            }
          } else {
            int perByte = 8 / depth;
            int mask = (1 << depth) - 1;
            for (int x = 0; x < w; x++) {
              int b = row[1 + x / perByte] & 0xFF;
              int shift = 8 - depth * (x % perByte + 1);
              out[o + x] = palette[(b >>> shift) & mask];
            }
          }
        }
        case 0 -> {
          for (int x = 0; x < w; x++) {
            int g = row[1 + x] & 0xFF;
            out[o + x] = g == transparentKey ? 0 : 0xFF000000 | g << 16 | g << 8 | g;
          }
        }
        case 2 -> {
          for (int x = 0, i = 1; x < w; x++, i += 3) {
            int rgb = (row[i] & 0xFF) << 16 | (row[i + 1] & 0xFF) << 8 | row[i + 2] & 0xFF;
            out[o + x] = rgb == transparentKey ? 0 : 0xFF000000 | rgb;
          }
        }
        case 4 -> {
          for (int x = 0, i = 1; x < w; x++, i += 2) {
            int g = row[i] & 0xFF;
            out[o + x] = ImageDecoder.premultiply((row[i + 1] & 0xFF) << 24 | g << 16 | g << 8 | g);
          }
        }
        default -> { // 6: RGBA
          for (int x = 0, i = 1; x < w; x++, i += 4) {
            out[o + x] =
                ImageDecoder.premultiply(
                    (row[i + 3] & 0xFF) << 24
                        | (row[i] & 0xFF) << 16
                        | (row[i + 1] & 0xFF) << 8
                        | row[i + 2] & 0xFF);
          }
        }
      }
      y++;
    }
  }

  /**
   * Whether the format says every pixel is opaque: grey or RGB without a colour key, or a palette
   * whose every entry an index of that bit depth can reach is opaque.
   */
  private static boolean opaque(Header header, int[] palette, int transparentKey) {
    return switch (header.colorType) {
      case 0, 2 -> transparentKey < 0;
      case 3 -> {
        for (int i = 0; i < 1 << header.bitDepth; i++) {
          if (palette[i] >>> 24 != 255) {
            yield false;
          }
        }
        yield true;
      }
      default -> false;
    };
  }

  @Override
  public void close() {
    inflater.end();
  }

  private static int readInt(byte[] d, int p) {
    return (d[p] & 0xFF) << 24 | (d[p + 1] & 0xFF) << 16 | (d[p + 2] & 0xFF) << 8 | d[p + 3] & 0xFF;
  }

  private static long readLong(byte[] d, int p) {
    return (long) readInt(d, p) << 32 | readInt(d, p + 4) & 0xFFFFFFFFL;
  }
}
