package io.recpipe.converter.render;

import static io.recpipe.converter.render.Recordings.i;
import static io.recpipe.converter.render.Recordings.pixel;
import static io.recpipe.converter.render.Recordings.render;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import io.recpipe.converter.parse.Instruction;
import io.recpipe.converter.parse.InstructionReader;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.util.Base64;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class ImagesTest {

  private static String encode(BufferedImage image, String format) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    assertThat(ImageIO.write(image, format, out)).isTrue();
    return Base64.getEncoder().encodeToString(out.toByteArray());
  }

  private static BufferedImage solid(int type, int w, int h, int argb) {
    BufferedImage image = new BufferedImage(w, h, type);
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        image.setRGB(x, y, argb);
      }
    }
    return image;
  }

  /** An image stream split over two blobs, as guacd splits large images. */
  private static String stream(String mimetype, int mask, int x, int y, String base64) {
    int half = (base64.length() / 8) * 4; // each blob is valid base64 on its own
    String first = half == 0 ? base64 : base64.substring(0, half);
    String rest = half == 0 ? "" : base64.substring(half);
    return i("img", 3, mask, 0, mimetype, x, y)
        + i("blob", 3, Base64.getEncoder().encodeToString(Base64.getDecoder().decode(first)))
        + (rest.isEmpty()
            ? ""
            : i("blob", 3, Base64.getEncoder().encodeToString(Base64.getDecoder().decode(rest))))
        + i("end", 3);
  }

  @Test
  void pngWithAlphaIsDrawnAtItsPositionWithTheMask() throws Exception {
    BufferedImage png = solid(BufferedImage.TYPE_INT_ARGB, 3, 2, 0x80FF0000);
    png.setRGB(0, 0, 0xFF00FF00);
    String base = i("size", 0, 6, 6) + i("rect", 0, 0, 0, 6, 6) + i("cfill", 12, 0, 0, 0, 255, 255);
    Display over = render(base + stream("image/png", 14, 2, 3, encode(png, "png")));
    assertThat(pixel(over, 0, 2, 3)).isEqualTo(0xFF00FF00);
    int blended = pixel(over, 0, 3, 3);
    assertThat((blended >> 16) & 0xFF).isCloseTo(128, offset(2));
    assertThat(blended & 0xFF).isCloseTo(127, offset(2));
    assertThat(pixel(over, 0, 1, 3)).isEqualTo(0xFF0000FF);

    Display src = render(base + stream("image/png", 12, 2, 3, encode(png, "png")));
    assertThat(pixel(src, 0, 3, 3) >>> 24).isCloseTo(128, offset(1)); // SRC keeps the alpha
  }

  @Test
  void jpegIsDecoded() throws Exception {
    BufferedImage jpeg = solid(BufferedImage.TYPE_3BYTE_BGR, 16, 16, 0xFF3070D0);
    Display d = render(i("size", 0, 16, 16) + stream("image/jpeg", 14, 0, 0, encode(jpeg, "jpg")));
    int p = pixel(d, 0, 8, 8);
    assertThat(p >>> 24).isEqualTo(255);
    assertThat((p >> 16) & 0xFF).isCloseTo(0x30, offset(6));
    assertThat((p >> 8) & 0xFF).isCloseTo(0x70, offset(6));
    assertThat(p & 0xFF).isCloseTo(0xD0, offset(6));
  }

  @Test
  void webpFromARealRecordingDecodesTheSameWithLibwebpAndInJava() throws Exception {
    byte[] webp = firstWebp();
    ImageDecoder.Decoded viaDecoder =
        new ImageDecoder(Limits.defaults()).decode(webp, webp.length, "image/webp");
    assertThat(viaDecoder.width()).isPositive();
    BufferedImage java = ImageIO.read(new java.io.ByteArrayInputStream(webp));
    assertThat(java.getWidth()).isEqualTo(viaDecoder.width());
    int[] javaPixels = ImageDecoder.premultipliedPixels(java);
    long diff = 0;
    for (int n = 0; n < javaPixels.length; n++) {
      for (int shift = 0; shift < 24; shift += 8) {
        diff +=
            Math.abs(
                ((javaPixels[n] >> shift) & 0xFF) - ((viaDecoder.pixels()[n] >> shift) & 0xFF));
      }
    }
    assertThat((double) diff / (javaPixels.length * 3)).isLessThan(3.0);
  }

  @Test
  void oversizedAndUndecodableImagesAreSkipped() throws Exception {
    BufferedImage big = solid(BufferedImage.TYPE_INT_RGB, 40, 40, 0xFFFFFFFF);
    Anomalies anomalies = new Anomalies();
    Display d = new Display(new Limits(32, 32 * 32), anomalies);
    Renderer r = new Renderer(d, new ImageDecoder(new Limits(32, 32 * 32)), anomalies);
    String rec =
        i("size", 0, 8, 8)
            + stream("image/png", 14, 0, 0, encode(big, "png"))
            + stream(
                "image/png", 14, 0, 0, Base64.getEncoder().encodeToString(new byte[] {1, 2, 3, 4}));
    InstructionReader reader =
        new InstructionReader(new java.io.ByteArrayInputStream(rec.getBytes()));
    Instruction in;
    while ((in = reader.next()) != null) {
      r.apply(in);
    }
    assertThat(anomalies.count("image beyond limits")).isEqualTo(1);
    assertThat(anomalies.count("image not decodable (image/png)")).isEqualTo(1);
    assertThat(pixel(d, 0, 0, 0)).isZero();
  }

  /** The bytes of the first WebP image stream in a real recording. */
  static byte[] firstWebp() throws Exception {
    try (InputStream in = Files.newInputStream(Recordings.recording("vnc-1-short-1024x768"))) {
      InstructionReader reader = new InstructionReader(in);
      String stream = null;
      ByteArrayOutputStream data = new ByteArrayOutputStream();
      Instruction ins;
      while ((ins = reader.next()) != null) {
        if (ins.opcode().equals("img") && ins.args()[3].equals("image/webp")) {
          stream = ins.args()[0];
        } else if (stream != null && ins.opcode().equals("blob") && ins.args()[0].equals(stream)) {
          data.write(Base64.getDecoder().decode(ins.args()[1]));
        } else if (stream != null && ins.opcode().equals("end") && ins.args()[0].equals(stream)) {
          return data.toByteArray();
        }
      }
    }
    throw new IllegalStateException("no WebP image in the recording");
  }
}
