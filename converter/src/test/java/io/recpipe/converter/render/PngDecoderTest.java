package io.recpipe.converter.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.recpipe.converter.parse.Instruction;
import io.recpipe.converter.parse.InstructionReader;
import io.recpipe.converter.testing.TestRecordings;
import java.awt.image.BufferedImage;
import java.awt.image.IndexColorModel;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The own PNG decoder against ImageIO's, pixel for pixel. */
class PngDecoderTest {

  private final PngDecoder decoder = new PngDecoder();

  /** ImageIO's pixels, premultiplied: what the converter drew before it had its own decoder. */
  private static int[] viaImageIo(byte[] png) throws IOException {
    BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
    return ImageDecoder.premultipliedPixels(image);
  }

  private int[] viaOwn(byte[] png) throws IOException {
    ImageDecoder.Decoded d =
        decoder.decode(png, png.length, Limits.defaults(), new ImageDecoder.Scratch());
    assertThat(d).as("decoded by the own decoder, not left to ImageIO").isNotNull();
    return Arrays.copyOf(d.pixels(), d.width() * d.height());
  }

  private static byte[] write(BufferedImage image) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    assertThat(ImageIO.write(image, "png", out)).isTrue();
    return out.toByteArray();
  }

  /** Noisy pixels with runs, so that the writer picks every row filter. */
  private static BufferedImage noisy(BufferedImage image, boolean alpha) {
    Random random = new Random(image.getType());
    for (int y = 0; y < image.getHeight(); y++) {
      for (int x = 0; x < image.getWidth(); x++) {
        int argb =
            random.nextInt(4) == 0 ? 0xFF336699 + y : random.nextInt() | (alpha ? 0 : 0xFF000000);
        image.setRGB(x, y, argb);
      }
    }
    return image;
  }

  static Stream<BufferedImage> syntheticImages() {
    byte[] r = {0, (byte) 255, 10, 20, 30, 40, 50, 60, 70, 80, 90, 100, 110, 120, (byte) 130, 1};
    byte[] g = {0, 0, (byte) 255, 21, 31, 41, 51, 61, 71, 81, 91, 101, 111, 121, (byte) 131, 2};
    byte[] b = {0, 0, 0, (byte) 255, 32, 42, 52, 62, 72, 82, 92, 102, 112, 122, (byte) 132, 3};
    byte[] a = {
      (byte) 255, (byte) 128, 0, (byte) 255, 7, 9, 11, 13, 15, 17, 19, 21, 23, 25, 27, 99
    };
    List<BufferedImage> images = new ArrayList<>();
    for (int bits : new int[] {1, 2, 4}) {
      int n = 1 << bits;
      images.add(
          noisy(
              new BufferedImage(
                  37, 11, BufferedImage.TYPE_BYTE_BINARY, new IndexColorModel(bits, n, r, g, b)),
              false));
    }
    // 8-bit palette with transparency (tRNS); 256 entries.
    byte[] r8 = new byte[256];
    byte[] g8 = new byte[256];
    byte[] b8 = new byte[256];
    byte[] a8 = new byte[256];
    for (int i = 0; i < 256; i++) {
      r8[i] = (byte) i;
      g8[i] = (byte) (255 - i);
      b8[i] = (byte) (i * 7);
      a8[i] = i < a.length ? a[i] : (byte) 255;
    }
    images.add(
        noisy(
            new BufferedImage(
                29,
                17,
                BufferedImage.TYPE_BYTE_INDEXED,
                new IndexColorModel(8, 256, r8, g8, b8, a8)),
            true));
    images.add(noisy(new BufferedImage(33, 13, BufferedImage.TYPE_3BYTE_BGR), false));
    images.add(noisy(new BufferedImage(35, 15, BufferedImage.TYPE_INT_RGB), false));
    images.add(noisy(new BufferedImage(27, 19, BufferedImage.TYPE_INT_ARGB), true));
    images.add(noisy(new BufferedImage(1, 1, BufferedImage.TYPE_INT_ARGB), true));
    return images.stream();
  }

  @ParameterizedTest
  @MethodSource("syntheticImages")
  void decodesEachKindOfPngAsImageIoDoes(BufferedImage image) throws Exception {
    byte[] png = write(image);
    assertThat(viaOwn(png)).isEqualTo(viaImageIo(png));
  }

  /**
   * The opaque flag lets OVER draw an image as a plain copy: it must never be set for an image with
   * a translucent pixel, and is set for every format without alpha (else the fast path is lost).
   */
  @ParameterizedTest
  @MethodSource("syntheticImages")
  void saysOpaqueExactlyWhenTheFormatHasNoAlpha(BufferedImage image) throws Exception {
    byte[] png = write(image);
    ImageDecoder.Decoded d =
        decoder.decode(png, png.length, Limits.defaults(), new ImageDecoder.Scratch());

    assertThat(d.opaque()).isEqualTo(!image.getColorModel().hasAlpha());
    if (d.opaque()) {
      assertThat(Arrays.stream(d.pixels(), 0, d.width() * d.height()).map(argb -> argb >>> 24))
          .allSatisfy(alpha -> assertThat(alpha).isEqualTo(255));
    }
  }

  @Test
  void aColourKeyMakesAnRgbPngNotOpaque() throws Exception {
    BufferedImage image = noisy(new BufferedImage(9, 7, BufferedImage.TYPE_INT_RGB), false);
    byte[] png =
        withChunkBeforeData(write(image), "tRNS", new byte[] {0, 0x33, 0, 0x66, 0, (byte) 0x99});
    ImageDecoder.Decoded d =
        decoder.decode(png, png.length, Limits.defaults(), new ImageDecoder.Scratch());

    assertThat(d).isNotNull();
    assertThat(d.opaque()).isFalse();
  }

  /**
   * PNGs written here with every row filter in turn (guacd's palette PNGs use none, and ImageIO's
   * writer picks its own), from a few sample values so that Paeth's ties come up often.
   */
  @ParameterizedTest
  @org.junit.jupiter.params.provider.CsvSource({"2, 3", "6, 4", "4, 2", "3, 1"})
  void undoesEveryRowFilterAsImageIoDoes(int colourType, int channels) throws Exception {
    int w = 23;
    int h = 25;
    Random random = new Random(colourType);
    byte[][] rows = new byte[h][w * channels];
    for (byte[] row : rows) {
      for (int i = 0; i < row.length; i++) {
        row[i] = (byte) (random.nextInt(4) * 60 + (i % channels == channels - 1 ? 15 : 0));
      }
    }
    ByteArrayOutputStream raw = new ByteArrayOutputStream();
    byte[] above = new byte[w * channels];
    for (int y = 0; y < h; y++) {
      int filter = y % 5;
      raw.write(filter);
      raw.write(filterRow(filter, rows[y], above, channels));
      above = rows[y];
    }
    ByteArrayOutputStream png = new ByteArrayOutputStream();
    png.write(new byte[] {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10});
    java.nio.ByteBuffer ihdr = java.nio.ByteBuffer.allocate(13);
    ihdr.putInt(w).putInt(h).put((byte) 8).put((byte) colourType).put(new byte[3]);
    chunk(png, "IHDR", ihdr.array());
    if (colourType == 3) {
      byte[] plte = new byte[256 * 3];
      for (int i = 0; i < plte.length; i++) {
        plte[i] = (byte) (i * 37);
      }
      chunk(png, "PLTE", plte);
    }
    java.util.zip.Deflater deflater = new java.util.zip.Deflater();
    deflater.setInput(raw.toByteArray());
    deflater.finish();
    byte[] z = new byte[raw.size() * 2 + 64];
    int zn = deflater.deflate(z);
    chunk(png, "IDAT", Arrays.copyOf(z, zn));
    chunk(png, "IEND", new byte[0]);
    byte[] bytes = png.toByteArray();
    int[] expected = new int[w * h];
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        byte[] r = rows[y];
        int i = x * channels;
        expected[y * w + x] =
            switch (colourType) {
              case 2 -> 0xFF000000 | (r[i] & 0xFF) << 16 | (r[i + 1] & 0xFF) << 8 | r[i + 2] & 0xFF;
              case 6 ->
                  ImageDecoder.premultiply(
                      (r[i + 3] & 0xFF) << 24
                          | (r[i] & 0xFF) << 16
                          | (r[i + 1] & 0xFF) << 8
                          | r[i + 2] & 0xFF);
              case 4 ->
                  ImageDecoder.premultiply((r[i + 1] & 0xFF) << 24 | (r[i] & 0xFF) * 0x010101);
              default -> { // palette entry k is (3k, 3k+1, 3k+2) * 37, per byte
                int k = (r[i] & 0xFF) * 3;
                yield 0xFF000000
                    | (k * 37 & 0xFF) << 16
                    | ((k + 1) * 37 & 0xFF) << 8
                    | (k + 2) * 37 & 0xFF;
              }
            };
      }
    }
    assertThat(viaOwn(bytes)).isEqualTo(expected);
    if (colourType != 4) { // ImageIO reads grey through a linear colour space: see below
      assertThat(viaImageIo(bytes)).isEqualTo(expected);
    }
  }

  private static byte[] filterRow(int filter, byte[] row, byte[] above, int bpp) {
    byte[] out = new byte[row.length];
    for (int i = 0; i < row.length; i++) {
      int a = i >= bpp ? row[i - bpp] & 0xFF : 0;
      int b = above[i] & 0xFF;
      int c = i >= bpp ? above[i - bpp] & 0xFF : 0;
      int predictor =
          switch (filter) {
            case 1 -> a;
            case 2 -> b;
            case 3 -> (a + b) / 2;
            case 4 -> {
              int p = a + b - c;
              int pa = Math.abs(p - a);
              int pb = Math.abs(p - b);
              int pc = Math.abs(p - c);
              yield pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
            }
            default -> 0;
          };
      out[i] = (byte) (row[i] - predictor);
    }
    return out;
  }

  /** {@code png} with one more chunk just before its first IDAT. */
  private static byte[] withChunkBeforeData(byte[] png, String type, byte[] body) {
    java.nio.ByteBuffer in = java.nio.ByteBuffer.wrap(png);
    int pos = 8; // the signature
    while (pos < png.length) {
      int length = in.getInt(pos);
      String name = new String(png, pos + 4, 4, java.nio.charset.StandardCharsets.US_ASCII);
      if (name.equals("IDAT")) {
        break;
      }
      pos += 12 + length;
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(png, 0, pos);
    chunk(out, type, body);
    out.write(png, pos, png.length - pos);
    return out.toByteArray();
  }

  private static void chunk(ByteArrayOutputStream png, String type, byte[] body) {
    java.util.zip.CRC32 crc = new java.util.zip.CRC32();
    crc.update(type.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    crc.update(body);
    java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(12 + body.length);
    b.putInt(body.length).put(type.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    b.put(body).putInt((int) crc.getValue());
    png.writeBytes(b.array());
  }

  @Test
  void greyPngsKeepTheirStoredLevels() throws Exception {
    // ImageIO reads a grey PNG into a linear-grey BufferedImage, whose getRGB applies a gamma
    // curve; libpng and Cairo (guacenc) take the stored level as is: so do we.
    BufferedImage grey = noisy(new BufferedImage(31, 9, BufferedImage.TYPE_BYTE_GRAY), false);
    int[] levels = grey.getRaster().getSamples(0, 0, 31, 9, 0, (int[]) null);
    int[] expected = new int[levels.length];
    for (int i = 0; i < levels.length; i++) {
      expected[i] = 0xFF000000 | levels[i] * 0x010101;
    }
    assertThat(viaOwn(write(grey))).isEqualTo(expected);
  }

  @Test
  void decodesEveryPngOfTheSharedRecordingsAsImageIoDoes() throws Exception {
    TestRecordings.assumeFullCorpus("more than 7000 PNGs of every kind, in all six recordings");
    Map<String, Integer> kinds = new HashMap<>();
    int count = 0;
    try (Stream<Path> files = Files.list(Recordings.shared())) {
      for (Path file : files.filter(f -> f.toString().endsWith(".guac")).sorted().toList()) {
        for (byte[] png : pngs(file)) {
          assertThat(viaOwn(png))
              .as("%s image %d", file.getFileName(), count)
              .isEqualTo(viaImageIo(png));
          kinds.merge("depth " + png[24] + " colour type " + png[25], 1, Integer::sum);
          count++;
        }
      }
    }
    assertThat(count).isGreaterThan(7000);
    assertThat(kinds.keySet()).contains("depth 8 colour type 3", "depth 1 colour type 3");
  }

  @Test
  void leavesSixteenBitAndInterlacedImagesToImageIo() throws Exception {
    BufferedImage gray16 = new BufferedImage(5, 5, BufferedImage.TYPE_USHORT_GRAY);
    byte[] png = write(gray16);
    assertThat(decoder.decode(png, png.length, Limits.defaults(), new ImageDecoder.Scratch()))
        .isNull();

    byte[] interlaced = write(noisy(new BufferedImage(9, 9, BufferedImage.TYPE_INT_RGB), false));
    interlaced[28] = 1; // IHDR interlace method: Adam7
    assertThat(
            decoder.decode(
                interlaced, interlaced.length, Limits.defaults(), new ImageDecoder.Scratch()))
        .isNull();
    // Through ImageDecoder, the 16-bit image still decodes (by ImageIO).
    ImageDecoder.Decoded d =
        new ImageDecoder(Limits.defaults()).decode(png, png.length, "image/png");
    assertThat(d.width()).isEqualTo(5);
  }

  @Test
  void damagedPngsAreErrorsNotCrashes() throws Exception {
    byte[] png = write(noisy(new BufferedImage(64, 64, BufferedImage.TYPE_INT_RGB), false));
    ImageDecoder.Scratch scratch = new ImageDecoder.Scratch();

    byte[] cut = Arrays.copyOf(png, png.length / 2);
    assertThatThrownBy(() -> decoder.decode(cut, cut.length, Limits.defaults(), scratch))
        .isInstanceOf(IOException.class);

    byte[] zlibGarbage = png.clone();
    int idat = indexOf(zlibGarbage, "IDAT".getBytes());
    for (int i = idat + 4; i < idat + 40; i++) {
      zlibGarbage[i] = (byte) 0xFF;
    }
    assertThatThrownBy(
            () -> decoder.decode(zlibGarbage, zlibGarbage.length, Limits.defaults(), scratch))
        .isInstanceOf(IOException.class);

    byte[] notPng = "GIF89a not a png at all".getBytes();
    assertThatThrownBy(() -> decoder.decode(notPng, notPng.length, Limits.defaults(), scratch))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("not a PNG");

    assertThatThrownBy(() -> decoder.decode(png, png.length, new Limits(32, 32 * 32), scratch))
        .isInstanceOf(ImageDecoder.TooLargeException.class);

    byte[] twoHeaders = new byte[png.length + 25];
    System.arraycopy(png, 0, twoHeaders, 0, 33);
    System.arraycopy(png, 8, twoHeaders, 33, 25); // IHDR again, right after the first
    System.arraycopy(png, 33, twoHeaders, 58, png.length - 33);
    assertThatThrownBy(
            () -> decoder.decode(twoHeaders, twoHeaders.length, Limits.defaults(), scratch))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("two IHDR");

    // The decoder is still usable after all that.
    assertThat(viaOwn(png)).isEqualTo(viaImageIo(png));
  }

  private static int indexOf(byte[] data, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= data.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (data[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    throw new IllegalStateException("not found");
  }

  /** Every PNG image stream of a recording. */
  private static List<byte[]> pngs(Path recording) throws Exception {
    List<byte[]> found = new ArrayList<>();
    Map<String, ByteArrayOutputStream> open = new HashMap<>();
    try (InputStream in = Files.newInputStream(recording)) {
      InstructionReader reader = new InstructionReader(in);
      Instruction ins;
      while ((ins = reader.next()) != null) {
        switch (ins.opcode()) {
          case "img" -> {
            if (ins.args()[3].equals("image/png")) {
              open.put(ins.args()[0], new ByteArrayOutputStream());
            }
          }
          case "blob" -> {
            ByteArrayOutputStream data = open.get(ins.args()[0]);
            if (data != null) {
              data.write(Base64.getDecoder().decode(ins.args()[1]));
            }
          }
          case "end" -> {
            ByteArrayOutputStream data = open.remove(ins.args()[0]);
            if (data != null) {
              found.add(data.toByteArray());
            }
          }
          default -> {}
        }
      }
    }
    return found;
  }
}
