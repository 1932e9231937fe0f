package io.recpipe.converter.render;

import static io.recpipe.converter.render.Recordings.i;
import static io.recpipe.converter.render.Recordings.pixel;
import static io.recpipe.converter.render.Recordings.render;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.function.IntBinaryOperator;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The 16 raster operations of {@code transfer}, against their truth tables. */
class TransferTest {

  private static final int SRC = 0x3C5AF0; // opaque source colour
  private static final int DST = 0x6699CC; // opaque destination colour

  private static final IntBinaryOperator[] EXPECTED = {
    (s, d) -> 0, // 0x0 BLACK
    (s, d) -> s & d, // 0x1 AND
    (s, d) -> s & ~d, // 0x2 NSRC_NOR: NOT (NOT src OR dst)
    (s, d) -> s, // 0x3 SRC
    (s, d) -> ~s & d, // 0x4 NSRC_AND
    (s, d) -> d, // 0x5 DEST
    (s, d) -> s ^ d, // 0x6 XOR
    (s, d) -> s | d, // 0x7 OR
    (s, d) -> ~(s | d), // 0x8 NOR
    (s, d) -> ~(s ^ d), // 0x9 XNOR
    (s, d) -> ~d, // 0xA NDEST
    (s, d) -> s | ~d, // 0xB NSRC_NAND: NOT (NOT src AND dst)
    (s, d) -> ~s, // 0xC NSRC
    (s, d) -> ~s | d, // 0xD NSRC_OR
    (s, d) -> ~(s & d), // 0xE NAND
    (s, d) -> 0xFFFFFF, // 0xF WHITE
  };

  @ParameterizedTest(name = "function 0x{0}")
  @ValueSource(ints = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15})
  void transferAppliesTheRasterOperation(int fn) throws Exception {
    String r =
        i("size", 0, 2, 1)
            + i("rect", 0, 0, 0, 2, 1)
            + i("cfill", 12, 0, (DST >> 16) & 0xFF, (DST >> 8) & 0xFF, DST & 0xFF, 255)
            + i("rect", -1, 0, 0, 1, 1)
            + i("cfill", 12, -1, (SRC >> 16) & 0xFF, (SRC >> 8) & 0xFF, SRC & 0xFF, 255)
            + i("transfer", -1, 0, 0, 1, 1, fn, 0, 1, 0);
    Display d = render(r);
    int expected = 0xFF000000 | (EXPECTED[fn].applyAsInt(SRC, DST) & 0xFFFFFF);
    assertThat(Integer.toHexString(pixel(d, 0, 1, 0))).isEqualTo(Integer.toHexString(expected));
    assertThat(pixel(d, 0, 0, 0)).as("outside the transfer").isEqualTo(0xFF000000 | DST);
  }
}
