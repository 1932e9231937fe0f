package io.recpipe.converter.render;

import static io.recpipe.converter.render.Recordings.i;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.recpipe.converter.Conversion;
import io.recpipe.converter.ConversionException;
import io.recpipe.converter.FfmpegTools;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Base64;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The converter within its pixel budget (the default one), on recordings made here: a recording
 * that asks for more fails for good, naming the instruction, and never runs out of memory.
 */
class NativeConverterBudgetTest {

  @TempDir Path dir;

  private final NativeConverter converter =
      new NativeConverter(NativeSettings.defaults(), FfmpegTools.onPath(), Clock.systemUTC());

  /**
   * A small screen, then {@code layers} layers of {@code side} x {@code side} pixels, each filled:
   * about 4 KB for 39 layers, and 39 x 256 MB of pixels at 8192.
   */
  static String manyLargeLayers(int layers, int side) {
    StringBuilder b = new StringBuilder(i("size", 0, 64, 48)).append(i("sync", 1000, 0));
    for (int layer = 1; layer <= layers; layer++) {
      b.append(i("size", layer, side, side));
    }
    for (int layer = 1; layer <= layers; layer++) {
      b.append(i("rect", layer, 0, 0, side, side));
      b.append(i("cfill", 14, layer, 255, 0, 0, 255));
    }
    return b.append(i("sync", 2000, 0)).toString();
  }

  /** The byte offset of the {@code cfill} of {@code layer} in {@link #manyLargeLayers}. */
  static int cfillOf(String recording, int layer) {
    return recording.indexOf(i("cfill", 14, layer, 255, 0, 0, 255));
  }

  @Test
  void thirtyNineLayersOf8192SquaredFailForGoodAtTheFirstFill() throws Exception {
    String rec = manyLargeLayers(39, 8192);
    assertThat(rec.length()).isLessThan(4096);
    Path guac = Files.writeString(dir.resolve("layers.guac"), rec, StandardCharsets.UTF_8);

    assertThatThrownBy(() -> converter.convert(guac, dir.resolve("layers.mp4")))
        .isInstanceOfSatisfying(
            ConversionException.class, e -> assertThat(e.isPermanent()).isTrue())
        .hasMessageContaining("pixel budget")
        .hasMessageContaining("a 8192x8192 surface")
        .hasMessageContaining("instruction: cfill at byte offset " + cfillOf(rec, 1));
    assertThat(names()).containsExactly("layers.guac");
  }

  @Test
  void layersFitUntilTheBudgetIsUsedUp() throws Exception {
    // 64 Mi pixels hold three 4096x4096 layers (16 Mi each) and the frames, not a fourth.
    String rec = manyLargeLayers(6, 4096);
    Path guac = Files.writeString(dir.resolve("four.guac"), rec, StandardCharsets.UTF_8);

    assertThatThrownBy(() -> converter.convert(guac, dir.resolve("four.mp4")))
        .isInstanceOfSatisfying(
            ConversionException.class, e -> assertThat(e.isPermanent()).isTrue())
        .hasMessageContaining("instruction: cfill at byte offset " + cfillOf(rec, 4));
  }

  @Test
  void layersDisposedInTurnStayWithinTheBudget() throws Exception {
    StringBuilder rec = new StringBuilder(i("size", 0, 64, 48)).append(i("sync", 1000, 0));
    for (int n = 0; n < 12; n++) { // 12 x 16 Mi pixels, one at a time
      rec.append(i("size", 1, 4096, 4096))
          .append(i("rect", 1, 0, 0, 4096, 4096))
          .append(i("cfill", 14, 1, 0, 255, 0, 255))
          .append(i("sync", 1100 + n * 100, 0))
          .append(i("dispose", 1));
    }
    rec.append(i("sync", 3000, 0));
    Path guac = Files.writeString(dir.resolve("turns.guac"), rec, StandardCharsets.UTF_8);

    Conversion c = converter.convert(guac, dir.resolve("turns.mp4"));

    assertThat(c.partial()).isFalse();
    assertThat(Videos.codecAndDuration(dir.resolve("turns.mp4"))).contains("codec_name=h264");
  }

  @Test
  void anImageDeclaring60000By60000FailsForGoodBeforeItIsDecoded() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ImageIO.write(new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB), "png", out);
    byte[] png = out.toByteArray();
    ByteBuffer.wrap(png, 16, 8).putInt(60000).putInt(60000); // IHDR width, height
    String rec =
        i("size", 0, 64, 48)
            + i("sync", 1000, 0)
            + i("img", 3, 14, 0, "image/png", 0, 0)
            + i("blob", 3, Base64.getEncoder().encodeToString(png))
            + i("end", 3)
            + i("sync", 2000, 0);
    Path guac = Files.writeString(dir.resolve("image.guac"), rec, StandardCharsets.UTF_8);

    assertThatThrownBy(() -> converter.convert(guac, dir.resolve("image.mp4")))
        .isInstanceOfSatisfying(
            ConversionException.class, e -> assertThat(e.isPermanent()).isTrue())
        .hasMessageContaining("60000x60000 image (declared, not yet decoded)")
        .hasMessageContaining("instruction: end at byte offset " + rec.indexOf("3.end,"));
    assertThat(names()).containsExactly("image.guac");
  }

  private java.util.List<String> names() throws Exception {
    try (Stream<Path> files = Files.list(dir)) {
      return files.map(p -> p.getFileName().toString()).toList();
    }
  }
}
