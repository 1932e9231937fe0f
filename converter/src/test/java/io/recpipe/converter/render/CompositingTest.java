package io.recpipe.converter.render;

import static io.recpipe.converter.render.Recordings.i;
import static io.recpipe.converter.render.Recordings.pixel;
import static io.recpipe.converter.render.Recordings.render;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.function.DoubleBinaryOperator;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every channel mask, drawn with {@code cfill} and with {@code copy}, against Porter-Duff. */
class CompositingTest {

  // Straight colours: destination translucent blue, source translucent red.
  private static final int DA = 200;
  private static final int SA = 100;

  @ParameterizedTest(name = "mask {0} ({1})")
  @CsvSource({
    "1, RIN",
    "2, ROUT",
    "4, IN",
    "6, ATOP",
    "8, OUT",
    "9, RATOP",
    "10, XOR",
    "11, ROVER",
    "12, SRC",
    "14, OVER",
    "15, PLUS",
    "3, unknown draws as OVER"
  })
  void maskComposesAsItsPorterDuffOperator(int mask, String name) throws Exception {
    String dst = i("size", 0, 1, 1) + i("rect", 0, 0, 0, 1, 1) + i("cfill", 12, 0, 0, 0, 255, DA);
    int viaFill =
        pixel(render(dst + i("rect", 0, 0, 0, 1, 1) + i("cfill", mask, 0, 255, 0, 0, SA)), 0, 0, 0);
    String src = i("rect", -1, 0, 0, 1, 1) + i("cfill", 12, -1, 255, 0, 0, SA);
    int viaCopy = pixel(render(dst + src + i("copy", -1, 0, 0, 1, 1, mask, 0, 0, 0)), 0, 0, 0);

    double sa = SA / 255.0;
    double da = DA / 255.0;
    double[] fafb = factors(mask, sa, da);
    DoubleBinaryOperator channel =
        (s, d) -> Math.min(1, s * fafb[0] + d * fafb[1]); // premultiplied values
    int a = (int) Math.round(255 * channel.applyAsDouble(sa, da));
    int r = (int) Math.round(255 * channel.applyAsDouble(sa, 0));
    int b = (int) Math.round(255 * channel.applyAsDouble(0, da));

    for (int p : new int[] {viaFill, viaCopy}) {
      assertThat(p >>> 24).as("alpha").isCloseTo(a, org.assertj.core.data.Offset.offset(2));
      assertThat((p >> 16) & 0xFF).as("red").isCloseTo(r, org.assertj.core.data.Offset.offset(2));
      assertThat((p >> 8) & 0xFF).as("green").isZero();
      assertThat(p & 0xFF).as("blue").isCloseTo(b, org.assertj.core.data.Offset.offset(2));
    }
  }

  /** Fa and Fb of each operator (Porter and Duff, 1984), written out independently. */
  private static double[] factors(int mask, double sa, double da) {
    return switch (mask) {
      case 1 -> new double[] {0, sa}; // destination in
      case 2 -> new double[] {0, 1 - sa}; // destination out
      case 4 -> new double[] {da, 0}; // in
      case 6 -> new double[] {da, 1 - sa}; // atop
      case 8 -> new double[] {1 - da, 0}; // out
      case 9 -> new double[] {1 - da, sa}; // destination atop
      case 10 -> new double[] {1 - da, 1 - sa}; // xor
      case 11 -> new double[] {1 - da, 1}; // destination over
      case 12 -> new double[] {1, 0}; // source
      case 15 -> new double[] {1, 1}; // plus
      default -> new double[] {1, 1 - sa}; // over
    };
  }
}
