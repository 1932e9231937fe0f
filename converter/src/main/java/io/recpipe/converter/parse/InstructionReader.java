package io.recpipe.converter.parse;

import io.recpipe.converter.ByteRange;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A streaming reader of Guacamole protocol instructions ({@code LEN.VALUE,LEN.VALUE,...;}).
 *
 * <p>Why our own and not guacamole-common's {@code ReaderGuacamoleReader}/{@code GuacamoleParser}:
 * those work on decoded {@code char}s, so they cannot say at which byte offset garbage starts, and
 * the reader silently drops a cut-off last instruction. This reader works on bytes, counts {@code
 * LEN} in Unicode code points (decoding UTF-8 lead bytes) as the protocol demands, keeps the offset
 * of every instruction and, at the end of the input, tells a clean end from a cut-off one and how
 * many bytes were cut off. Memory is bounded by the largest element ({@link #MAX_ELEMENT_BYTES}),
 * never by the file's length.
 *
 * <p><b>Salvage</b> (when reading a {@link SeekableByteChannel}): where bytes after the first
 * instruction are not an instruction, the reader goes back to the start of the broken instruction
 * and looks, byte by byte and at most {@link #SALVAGE_SEARCH_BYTES} far, for the next place where
 * an instruction parses ({@link InstructionShape}), records the bytes in between as a damaged range
 * ({@link #damaged()}) and goes on from there. Going back matters: a damaged length can swallow the
 * valid instructions that follow before the reader sees that it is wrong. When nothing parses
 * within the search, the input ends at the damage. Garbage before the first instruction is no
 * recording: {@link MalformedRecordingException}.
 */
public final class InstructionReader {

  /** Far above guacd's own limit on an instruction; a longer element is garbage. */
  public static final int MAX_ELEMENT_BYTES = 4 * 1024 * 1024;

  /** How far past the start of damage the next instruction is looked for. */
  public static final long SALVAGE_SEARCH_BYTES = 8L * 1024 * 1024;

  public static final int MAX_ELEMENTS = 64;

  /** Bytes of a salvage candidate checked before going on from it. */
  private static final int LOOKAHEAD = 16 * 1024;

  /** Where the bytes come from. */
  private interface Source {
    int read(byte[] into, int from, int count) throws IOException;
  }

  private final Source in;
  private final SeekableByteChannel seekable; // null: no salvage
  private final byte[] buf = new byte[1 << 16];
  private int pos;
  private int limit;
  private boolean eof;
  private long consumed; // bytes before buf[0]
  private byte[] element = new byte[1024];
  private long instructionStart;
  private long returned;
  private final DamagedRanges damage = new DamagedRanges();

  /** A reader without salvage: garbage anywhere is a {@link MalformedRecordingException}. */
  public InstructionReader(InputStream in) {
    this.in = in::read;
    this.seekable = null;
  }

  /** A reader that salvages what follows damage (see the class comment). */
  public InstructionReader(SeekableByteChannel channel) {
    this.in = (into, from, count) -> channel.read(ByteBuffer.wrap(into, from, count));
    this.seekable = channel;
  }

  /** Bytes consumed so far (the offset of the next unread byte). */
  public long offset() {
    return consumed + pos;
  }

  /**
   * Reads the next instruction, salvaging past damage where it can.
   *
   * @return the instruction, or {@code null} at the end of the input (or at damage that nothing
   *     parseable follows)
   * @throws TruncatedException when the input ends inside an instruction
   * @throws MalformedRecordingException when the input is not the Guacamole protocol (from its
   *     first byte, or anywhere when this reader does not salvage)
   */
  public Instruction next() throws IOException, TruncatedException, MalformedRecordingException {
    while (true) {
      try {
        Instruction instruction = parse();
        if (instruction != null) {
          returned++;
        }
        return instruction;
      } catch (MalformedRecordingException e) {
        if (seekable == null || returned == 0) {
          throw e;
        }
        long from = instructionStart;
        if (!resync(from, e.getMessage())) {
          long end = Math.max(from, seekable.size());
          damage.add(from, end, e.getMessage() + "; nothing parseable follows within the search");
          seek(end);
          return null;
        }
      } catch (TruncatedException e) {
        // A damaged length may have run to the end over valid instructions: look for them.
        if (seekable == null || returned == 0 || !resync(instructionStart, e.getMessage())) {
          throw e;
        }
      }
    }
  }

  /** The damaged byte ranges skipped so far, in order (see {@link DamagedRanges}). */
  public List<ByteRange> damaged() {
    return damage.ranges();
  }

  /** How many bytes the damaged ranges hold. */
  public long damagedBytes() {
    return damage.bytes();
  }

  private Instruction parse() throws IOException, TruncatedException, MalformedRecordingException {
    skipWhitespace();
    instructionStart = offset();
    if (!fill()) {
      return null;
    }
    String opcode = null;
    List<String> args = new ArrayList<>(8);
    while (true) {
      String value = readElement();
      if (opcode == null) {
        opcode = value;
      } else {
        args.add(value);
      }
      int terminator = readByte();
      if (terminator == ';') {
        return new Instruction(opcode, args.toArray(new String[0]), instructionStart);
      }
      if (terminator != ',') {
        throw new MalformedRecordingException(
            "expected ',' or ';' after an element but found " + describe(terminator), offset() - 1);
      }
      if (args.size() >= MAX_ELEMENTS) {
        throw new MalformedRecordingException("instruction has too many elements", offset());
      }
    }
  }

  private void skipWhitespace() throws IOException {
    // Some writers put a newline between instructions; nothing else may appear there.
    while (fill()) {
      byte b = buf[pos];
      if (b != '\n' && b != '\r' && b != ' ' && b != '\t') {
        return;
      }
      pos++;
    }
  }

  private String readElement() throws IOException, TruncatedException, MalformedRecordingException {
    long length = 0;
    int digits = 0;
    long start = offset();
    while (true) {
      int b = readByte();
      if (b >= '0' && b <= '9') {
        length = length * 10 + (b - '0');
        if (++digits > 9) {
          throw new MalformedRecordingException("element length is too long", offset() - 1);
        }
      } else if (b == '.' && digits > 0) {
        break;
      } else {
        throw new MalformedRecordingException(
            "expected an element length but found " + describe(b), offset() - 1);
      }
    }
    if (length > MAX_ELEMENT_BYTES) {
      throw new MalformedRecordingException(
          "element length " + length + " is beyond any recording's", start);
    }
    return readCodePoints((int) length);
  }

  private String readCodePoints(int codePoints)
      throws IOException, TruncatedException, MalformedRecordingException {
    int n = 0;
    int remaining = codePoints;
    while (remaining > 0) {
      if (!fill()) {
        throw new TruncatedException(offset() - instructionStart);
      }
      // Fast path: copy a run of ASCII bytes straight from the buffer.
      int start = pos;
      int end = Math.min(limit, pos + remaining);
      while (pos < end && buf[pos] >= 0) {
        pos++;
      }
      int run = pos - start;
      if (run > 0) {
        n = append(buf, start, run, n);
        remaining -= run;
        continue;
      }
      int lead = buf[pos] & 0xFF;
      int extra = InstructionShape.continuationBytes(lead);
      if (extra < 0) {
        throw new MalformedRecordingException("invalid UTF-8: " + describe(lead), offset());
      }
      for (int i = 0; i <= extra; i++) {
        int b = readByte();
        if (i > 0 && (b & 0xC0) != 0x80) {
          throw new MalformedRecordingException("invalid UTF-8 sequence", offset() - 1);
        }
        element = ensure(n + 1);
        element[n++] = (byte) b;
      }
      remaining--;
    }
    return new String(element, 0, n, StandardCharsets.UTF_8);
  }

  private int append(byte[] src, int from, int count, int n) throws MalformedRecordingException {
    element = ensure(n + count);
    System.arraycopy(src, from, element, n, count);
    return n + count;
  }

  private byte[] ensure(int size) throws MalformedRecordingException {
    if (size <= element.length) {
      return element;
    }
    if (size > MAX_ELEMENT_BYTES) {
      throw new MalformedRecordingException("element is longer than any recording holds", offset());
    }
    byte[] bigger = new byte[Math.min(MAX_ELEMENT_BYTES, Math.max(size, element.length * 2))];
    System.arraycopy(element, 0, bigger, 0, element.length);
    return bigger;
  }

  private int readByte() throws IOException, TruncatedException {
    if (!fill()) {
      throw new TruncatedException(offset() - instructionStart);
    }
    return buf[pos++] & 0xFF;
  }

  private boolean fill() throws IOException {
    if (pos < limit) {
      return true;
    }
    consumed += limit;
    pos = 0;
    limit = 0;
    int read;
    do {
      read = in.read(buf, 0, buf.length);
    } while (read == 0);
    if (read < 0) {
      eof = true;
      return false;
    }
    limit = read;
    return true;
  }

  /**
   * Makes at least {@code n} ({@code <= buf.length}) bytes from {@code pos} available unless the
   * input ends first; returns how many are.
   */
  private int lookahead(int n) throws IOException {
    if (limit - pos >= n || eof) {
      return limit - pos;
    }
    System.arraycopy(buf, pos, buf, 0, limit - pos);
    consumed += pos;
    limit -= pos;
    pos = 0;
    while (limit < n) {
      int read = in.read(buf, limit, buf.length - limit);
      if (read < 0) {
        eof = true;
        break;
      }
      limit += read;
    }
    return limit - pos;
  }

  private void seek(long offset) throws IOException {
    seekable.position(offset);
    consumed = offset;
    pos = 0;
    limit = 0;
    eof = false;
  }

  /**
   * Looks for the next parseable instruction after the one broken at {@code from}; when found,
   * records the damage and leaves the reader there.
   */
  private boolean resync(long from, String reason) throws IOException {
    seek(from + 1);
    long stop = from + 1 + SALVAGE_SEARCH_BYTES;
    while (offset() < stop) {
      int available = lookahead(LOOKAHEAD);
      if (available == 0) {
        return false;
      }
      if (InstructionShape.isDigit(buf[pos])
          && InstructionShape.plausibleAt(buf, pos, limit, available < LOOKAHEAD)) {
        damage.add(from, offset(), reason);
        return true;
      }
      pos++;
    }
    return false;
  }

  private static String describe(int b) {
    return b >= 0x20 && b < 0x7F ? "'" + (char) b + "'" : String.format("byte 0x%02X", b);
  }

  /** The input ended inside an instruction. */
  public static final class TruncatedException extends Exception {
    private final long bytesIgnored;

    TruncatedException(long bytesIgnored) {
      super("recording ends inside an instruction; bytes ignored: " + bytesIgnored);
      this.bytesIgnored = bytesIgnored;
    }

    public long bytesIgnored() {
      return bytesIgnored;
    }
  }
}
