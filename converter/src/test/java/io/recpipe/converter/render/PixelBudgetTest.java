package io.recpipe.converter.render;

import static io.recpipe.converter.render.Recordings.i;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.recpipe.converter.parse.Instruction;
import io.recpipe.converter.parse.InstructionReader;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/** The pixel budget as the renderer uses it: what takes from it, when, and what gives back. */
class PixelBudgetTest {

  private static final int RED = 0xFFFF0000;
  private static final long MI = 1 << 20;

  private final PixelBudget budget = new PixelBudget(4 * MI);
  private final Anomalies anomalies = new Anomalies();
  private final Display display = new Display(Limits.defaults(), anomalies, budget);
  private final Renderer renderer =
      new Renderer(display, new ImageDecoder(Limits.defaults(), budget), anomalies);

  @Test
  void sizingAloneAllocatesNothing() throws Exception {
    StringBuilder rec = new StringBuilder();
    for (int layer = 1; layer <= 39; layer++) {
      rec.append(i("size", layer, 8192, 8192));
    }
    rec.append(i("size", -1, 8192, 8192)).append(i("rect", -2, 0, 0, 8192, 8192));

    render(rec.toString());

    assertThat(budget.used()).isZero();
    assertThat(display.surface(39, null).width()).isEqualTo(8192);
    assertThat(display.surface(39, null).blank()).isTrue();
    assertThat(display.surface(-2, null).blank()).as("a path is no drawing").isTrue();
  }

  @Test
  void drawingTakesFromTheBudgetAndWhatWouldGoOverIsRefusedNamingTheInstruction() throws Exception {
    String first = i("size", 1, 1024, 1024) + i("rect", 1, 0, 0, 8, 8);
    String fill = i("cfill", 14, 1, 255, 0, 0, 255);
    String second = i("size", 2, 2048, 2048) + i("rect", 2, 0, 0, 8, 8);
    render(first + fill);
    assertThat(budget.used()).isEqualTo(MI);

    assertThatThrownBy(() -> render(first + fill + second + fill.replace("1.1,", "1.2,")))
        .isInstanceOf(PixelBudget.ExceededException.class)
        .hasMessageContaining("2048x2048")
        .hasMessageContaining(
            "instruction: cfill at byte offset " + (first + fill + second).length());
    assertThat(budget.used()).as("nothing taken for the refused layer").isEqualTo(MI);
  }

  @Test
  void disposedAndShrunkSurfacesGiveTheirPixelsBack() throws Exception {
    StringBuilder rec = new StringBuilder();
    for (int n = 0; n < 5; n++) { // 5 x 4 Mi pixels through a budget of 4 Mi
      rec.append(i("size", 1, 2048, 2048))
          .append(i("rect", 1, 0, 0, 2048, 2048))
          .append(i("cfill", 12, 1, 0, 0, 255, 255))
          .append(i("dispose", 1));
    }
    rec.append(i("size", 1, 1024, 1024))
        .append(i("rect", 1, 0, 0, 1, 1))
        .append(i("cfill", 12, 1, 0, 0, 255, 255))
        .append(i("size", 1, 512, 512));
    render(rec.toString());
    assertThat(budget.used()).isEqualTo(MI / 4);
    assertThat(budget.peak()).isEqualTo(4 * MI);
  }

  @Test
  void aSurfaceNeverDrawnOnIsTransparentToCopiesAndCompositing() throws Exception {
    String screen =
        i("size", 0, 4, 4) + i("rect", 0, 0, 0, 4, 4) + i("cfill", 12, 0, 255, 0, 0, 255);
    Display over =
        Recordings.render(screen + i("size", 1, 4, 4) + i("copy", 1, 0, 0, 2, 2, 14, 0, 0, 0));
    assertThat(Recordings.pixel(over, 0, 0, 0)).isEqualTo(RED);
    Display src =
        Recordings.render(screen + i("size", 1, 4, 4) + i("copy", 1, 0, 0, 2, 2, 12, 0, 0, 0));
    assertThat(Recordings.pixel(src, 0, 0, 0)).isZero();
    assertThat(Recordings.pixel(src, 0, 2, 2)).isEqualTo(RED);
    // A blank layer's child still shows.
    Display nested =
        Recordings.render(
            i("size", 0, 4, 4)
                + i("size", 1, 4, 4)
                + i("move", 2, 1, 1, 1, 0)
                + i("size", 2, 2, 2)
                + i("rect", 2, 0, 0, 2, 2)
                + i("cfill", 12, 2, 255, 0, 0, 255));
    assertThat(nested.surface(1, null).blank()).isTrue();
    int[] frame = Recordings.frame(nested);
    assertThat(frame[1 * 4 + 1]).isEqualTo(RED);
    assertThat(frame[0]).isZero();
  }

  @Test
  void aPngDeclaring60000By60000IsRefusedBeforeDecoding() throws Exception {
    byte[] png = png(1, 1);
    ByteBuffer.wrap(png, 16, 8).putInt(60000).putInt(60000); // IHDR width, height
    assertRefusedAt60000(png, "image/png");
  }

  @Test
  void aJpegDeclaring60000By60000IsRefusedBeforeDecoding() throws Exception {
    byte[] jpeg = jpeg();
    int sof = sof(jpeg);
    ByteBuffer.wrap(jpeg, sof + 5, 4).putShort((short) 60000).putShort((short) 60000);
    assertThat(ImageIO.getImageReadersByMIMEType("image/jpeg").next())
        .satisfies(
            r -> {
              r.setInput(ImageIO.createImageInputStream(new ByteArrayInputStream(jpeg)));
              assertThat(r.getWidth(0)).as("the forged header is read").isEqualTo(60000);
            });
    assertRefusedAt60000(jpeg, "image/jpeg");
  }

  @Test
  void aWebpDeclaring16384By16384IsRefusedBeforeDecoding() throws Exception {
    // A lossless (VP8L) header: 14 bits width - 1, 14 bits height - 1; no image data follows.
    ByteBuffer webp = ByteBuffer.allocate(40).order(ByteOrder.LITTLE_ENDIAN);
    webp.put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt(32);
    webp.put("WEBPVP8L".getBytes(StandardCharsets.US_ASCII)).putInt(20);
    webp.put((byte) 0x2F).putInt(16383 | 16383 << 14);
    String rec = i("size", 0, 8, 8) + stream("image/webp", webp.array());
    assertThatThrownBy(() -> render(rec))
        .isInstanceOf(PixelBudget.ExceededException.class)
        .hasMessageContaining("16384x16384 image (declared, not yet decoded)")
        .hasMessageContaining("instruction: end at byte offset " + rec.indexOf("3.end,"));
  }

  @Test
  void imageStreamsHoldTheirBytesAgainstTheBudgetUntilTheyEnd() throws Exception {
    String chunk = Base64.getEncoder().encodeToString(new byte[3 * 1024 * 1024]);
    StringBuilder rec = new StringBuilder(i("img", 1, 14, 0, "image/png", 0, 0));
    for (int n = 0; n < 2; n++) {
      rec.append(i("blob", 1, chunk));
    }
    render(rec.toString());
    assertThat(budget.used()).isGreaterThanOrEqualTo(6 * MI / 4);
    render(i("end", 1));
    assertThat(budget.used()).isZero();
  }

  private void assertRefusedAt60000(byte[] image, String mimetype) {
    String rec = i("size", 0, 8, 8) + stream(mimetype, image);
    assertThatThrownBy(() -> render(rec))
        .isInstanceOf(PixelBudget.ExceededException.class)
        .hasMessageContaining("60000x60000 image (declared, not yet decoded)")
        .hasMessageContaining("instruction: end at byte offset " + rec.indexOf("3.end,"));
  }

  private static String stream(String mimetype, byte[] data) {
    return i("img", 3, 14, 0, mimetype, 0, 0)
        + i("blob", 3, Base64.getEncoder().encodeToString(data))
        + i("end", 3);
  }

  private void render(String recording) throws Exception {
    InstructionReader reader =
        new InstructionReader(new ByteArrayInputStream(recording.getBytes(StandardCharsets.UTF_8)));
    Instruction in;
    while ((in = reader.next()) != null) {
      budget.at(in);
      renderer.apply(in);
    }
  }

  private static byte[] png(int w, int h) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ImageIO.write(new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB), "png", out);
    return out.toByteArray();
  }

  private static byte[] jpeg() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ImageIO.write(new BufferedImage(16, 16, BufferedImage.TYPE_3BYTE_BGR), "jpg", out);
    return out.toByteArray();
  }

  /** The offset of the JPEG's SOF0 marker. */
  private static int sof(byte[] jpeg) {
    for (int n = 2; n + 1 < jpeg.length; n++) {
      if ((jpeg[n] & 0xFF) == 0xFF && (jpeg[n + 1] & 0xFF) == 0xC0) {
        return n;
      }
    }
    throw new IllegalStateException("no SOF0");
  }
}
