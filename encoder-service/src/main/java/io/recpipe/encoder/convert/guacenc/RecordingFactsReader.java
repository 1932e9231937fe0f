package io.recpipe.encoder.convert.guacenc;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Streams a recording once, keeping only what {@link RecordingFacts} needs: element values are kept
 * for {@code size} and {@code sync} instructions only, so a blob of megabytes costs no memory.
 * Element lengths count code points, as the Guacamole protocol says.
 */
final class RecordingFactsReader {

  private static final int MAX_LENGTH_DIGITS = 10;

  private final Reader in;
  private final char[] buffer = new char[64 * 1024];
  private int pos;
  private int limit;
  private long bytes;

  private RecordingFactsReader(Reader in) {
    this.in = in;
  }

  static RecordingFacts read(Path recording) throws IOException {
    long size = Files.size(recording);
    var decoder =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPLACE)
            .onUnmappableCharacter(CodingErrorAction.REPLACE);
    try (var reader = new InputStreamReader(Files.newInputStream(recording), decoder)) {
      return new RecordingFactsReader(reader).scan(size);
    }
  }

  private RecordingFacts scan(long fileSize) throws IOException {
    int width = 0;
    int height = 0;
    long firstSync = -1;
    long lastSync = -1;
    long instructions = 0;
    long completeBytes = 0;
    List<String> elements;
    while ((elements = nextInstruction()) != null) {
      instructions++;
      completeBytes = bytes;
      String opcode = elements.get(0);
      if (width == 0
          && opcode.equals("size")
          && elements.size() >= 4
          && "0".equals(elements.get(1))) {
        width = parseInt(elements.get(2));
        height = parseInt(elements.get(3));
      } else if (opcode.equals("sync") && elements.size() >= 2) {
        long ts = parseLong(elements.get(1));
        if (ts >= 0) {
          firstSync = firstSync < 0 ? ts : firstSync;
          lastSync = Math.max(lastSync, ts);
        }
      }
    }
    long ignored = Math.max(0, fileSize - completeBytes);
    return new RecordingFacts(
        width, height, firstSync, lastSync, instructions, ignored > 0, ignored);
  }

  /** The next complete instruction (values kept only when wanted), or null at the end. */
  private List<String> nextInstruction() throws IOException {
    var elements = new ArrayList<String>(4);
    boolean keep = true;
    while (true) {
      int length = readLength();
      if (length < 0) {
        return null;
      }
      String value = readValue(length, keep);
      if (value == null) {
        return null;
      }
      if (elements.isEmpty()) {
        keep = value.equals("size") || value.equals("sync");
      }
      elements.add(value);
      int terminator = next();
      if (terminator == ';') {
        return elements;
      }
      if (terminator != ',') {
        return null;
      }
    }
  }

  private int readLength() throws IOException {
    int c;
    do {
      c = next();
    } while (c == '\n' || c == '\r');
    long length = 0;
    int digits = 0;
    while (c >= '0' && c <= '9' && digits < MAX_LENGTH_DIGITS) {
      length = length * 10 + (c - '0');
      digits++;
      c = next();
    }
    return c == '.' && digits > 0 && length <= Integer.MAX_VALUE ? (int) length : -1;
  }

  private String readValue(int codePoints, boolean keep) throws IOException {
    var sb = keep ? new StringBuilder(Math.min(codePoints, 64)) : null;
    for (int i = 0; i < codePoints; i++) {
      int c = next();
      if (c < 0) {
        return null;
      }
      if (Character.isHighSurrogate((char) c)) {
        int low = next();
        if (low < 0) {
          return null;
        }
        if (sb != null) {
          sb.append((char) c).append((char) low);
        }
        continue;
      }
      if (sb != null && sb.length() < 64) {
        sb.append((char) c);
      }
    }
    return sb == null ? "" : sb.toString();
  }

  private int next() throws IOException {
    if (pos == limit) {
      limit = in.read(buffer, 0, buffer.length);
      pos = 0;
      if (limit <= 0) {
        limit = 0;
        return -1;
      }
    }
    char c = buffer[pos++];
    bytes += utf8Length(c);
    return c;
  }

  private static int utf8Length(char c) {
    if (c < 0x80) {
      return 1;
    }
    if (c < 0x800) {
      return 2;
    }
    // A surrogate pair is 4 bytes: 2 counted for each half.
    return Character.isSurrogate(c) ? 2 : 3;
  }

  private static int parseInt(String s) {
    try {
      return Integer.parseInt(s);
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  private static long parseLong(String s) {
    try {
      return Long.parseLong(s);
    } catch (NumberFormatException e) {
      return -1;
    }
  }
}
