package io.recpipe.converter.parse;

/**
 * What an instruction looks like in bytes, for finding the next one after damage without parsing:
 * see {@link #plausibleAt}.
 */
final class InstructionShape {

  private static final int MAX_OPCODE_LENGTH = 32;

  private InstructionShape() {}

  /**
   * Whether {@code buf[p..end)} holds an instruction: an opcode of 1 to 32 letters, digits, '-' or
   * '_' (a letter first), then well-formed elements up to ';'. An instruction longer than the
   * window counts when what the window shows of it is well-formed, unless the input ends there.
   * (Random bytes hold such a thing about once in 10^8 positions; the damage is then reported as
   * two ranges around a stray instruction that draws nothing.)
   */
  static boolean plausibleAt(byte[] buf, int p, int end, boolean atEnd) {
    int q = p;
    long length = 0;
    int digits = 0;
    while (q < end && isDigit(buf[q])) {
      length = length * 10 + (buf[q++] - '0');
      if (++digits > 2) {
        return false;
      }
    }
    if (q >= end || buf[q] != '.' || length == 0 || length > MAX_OPCODE_LENGTH) {
      return false;
    }
    q++;
    if (q + length > end || !isLetter(buf[q])) {
      return false;
    }
    for (int k = 0; k < length; k++, q++) {
      if (!isLetter(buf[q]) && !isDigit(buf[q]) && buf[q] != '-' && buf[q] != '_') {
        return false;
      }
    }
    for (int elements = 1; ; elements++) {
      if (q >= end) {
        return !atEnd;
      }
      byte terminator = buf[q++];
      if (terminator == ';') {
        return true;
      }
      if (terminator != ',' || elements > InstructionReader.MAX_ELEMENTS) {
        return false;
      }
      q = skipElement(buf, q, end);
      if (q < 0) {
        return q == -1 && !atEnd;
      }
    }
  }

  /**
   * Skips one {@code LEN.VALUE} in {@code buf[q..end)}: the index after it, -1 when the window ends
   * first, -2 when it is malformed.
   */
  private static int skipElement(byte[] buf, int q, int end) {
    long length = 0;
    int digits = 0;
    while (q < end && isDigit(buf[q])) {
      length = length * 10 + (buf[q++] - '0');
      if (++digits > 9) {
        return -2;
      }
    }
    if (q >= end) {
      return -1;
    }
    if (buf[q] != '.' || digits == 0 || length > InstructionReader.MAX_ELEMENT_BYTES) {
      return -2;
    }
    q++;
    for (long k = 0; k < length; k++) {
      if (q >= end) {
        return -1;
      }
      int lead = buf[q++] & 0xFF;
      int extra = lead < 0x80 ? 0 : continuationBytes(lead);
      if (extra < 0) {
        return -2;
      }
      for (int c = 0; c < extra; c++, q++) {
        if (q >= end) {
          return -1;
        }
        if ((buf[q] & 0xC0) != 0x80) {
          return -2;
        }
      }
    }
    return q;
  }

  static boolean isDigit(byte b) {
    return b >= '0' && b <= '9';
  }

  private static boolean isLetter(byte b) {
    return b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z';
  }

  static int continuationBytes(int lead) {
    if (lead >= 0xC2 && lead <= 0xDF) {
      return 1;
    }
    if (lead >= 0xE0 && lead <= 0xEF) {
      return 2;
    }
    if (lead >= 0xF0 && lead <= 0xF4) {
      return 3;
    }
    return -1;
  }
}
