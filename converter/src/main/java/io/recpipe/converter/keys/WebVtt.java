package io.recpipe.converter.keys;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Writes cues as a WebVTT file (UTF-8), their text escaped so that it shows as typed. */
public final class WebVtt {

  private WebVtt() {}

  /** Writes {@code cues} to {@code file}; no cues make a file with the header only. */
  public static void write(List<Cue> cues, Path file) throws IOException {
    try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      out.write("WEBVTT\n");
      for (Cue cue : cues) {
        out.write('\n');
        out.write(time(cue.startMillis()) + " --> " + time(cue.endMillis()) + "\n");
        out.write(escape(cue.text()) + "\n");
      }
    }
  }

  /** {@code &}, {@code <} and {@code >} as character references; line breaks as spaces. */
  static String escape(String text) {
    StringBuilder b = new StringBuilder(text.length() + 16);
    text.codePoints()
        .forEach(
            c -> {
              switch (c) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '\n', '\r' -> b.append(' ');
                default -> b.appendCodePoint(c);
              }
            });
    return b.toString();
  }

  /** {@code HH:MM:SS.mmm}. */
  static String time(long millis) {
    return "%02d:%02d:%02d.%03d"
        .formatted(millis / 3_600_000, millis / 60_000 % 60, millis / 1000 % 60, millis % 1000);
  }
}
