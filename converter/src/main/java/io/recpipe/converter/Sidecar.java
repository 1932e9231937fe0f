package io.recpipe.converter;

import java.nio.file.Path;

/**
 * A file made beside a recording's MP4: its keystroke track or its poster image. A converter hands
 * it back in {@link Conversion#sidecars()}: as a partial file when it was given a partial MP4 (the
 * caller publishes both, the sidecars first), else already at its final name.
 *
 * @param kind what it holds
 * @param file where it is
 */
public record Sidecar(Kind kind, Path file) {

  /** What a sidecar holds, and the extension of its final name ({@code <id>.vtt}). */
  public enum Kind {
    /** What was typed, as WebVTT; may hold passwords typed in clear. */
    KEYSTROKES("vtt"),
    /** A contact sheet of a few moments of the video, as JPEG. */
    POSTER("jpg");

    private final String extension;

    Kind(String extension) {
      this.extension = extension;
    }

    public String extension() {
      return extension;
    }
  }

  /**
   * The final name of this kind of sidecar for the MP4 named {@code mp4Name}: {@code <id>.vtt} for
   * {@code <id>.mp4}; a name not ending in {@code .mp4} gets the extension added.
   */
  public static String finalName(String mp4Name, Kind kind) {
    String stem = mp4Name.endsWith(".mp4") ? mp4Name.substring(0, mp4Name.length() - 4) : mp4Name;
    return stem + "." + kind.extension();
  }
}
