package io.recpipe.converter.testing;

import java.util.Random;

/** Pieces of recordings in the Guacamole protocol, for tests that write their own. */
public final class Protocol {

  private Protocol() {}

  /**
   * One instruction in protocol form, e.g. {@code i("size", 0, 4, 4)} -> {@code 4.size,1.0,...;}.
   */
  public static String i(Object... parts) {
    StringBuilder b = new StringBuilder();
    for (int n = 0; n < parts.length; n++) {
      String s = String.valueOf(parts[n]);
      b.append(s.codePointCount(0, s.length())).append('.').append(s);
      b.append(n == parts.length - 1 ? ';' : ',');
    }
    return b.toString();
  }

  /** {@code length} random bytes that are no instruction (the first is 0xFF). */
  public static byte[] garbage(int length, long seed) {
    byte[] b = new byte[length];
    new Random(seed).nextBytes(b);
    b[0] = (byte) 0xFF;
    return b;
  }
}
