package io.recpipe.converter;

import java.nio.file.Path;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Where a converter writes before its output is complete.
 *
 * <p>The naming rule of files not yet complete is the encoder's ({@code PartialFiles} in {@code
 * common}: {@code .<final name>.<instance>.<random>.part}); this module cannot depend on {@code
 * common}, which brings Spring, so the rule comes in with the file: the service hands a converter a
 * partial file it named itself and publishes it itself. The converter writes straight into it and
 * names any work file or directory it needs by appending to the random part ({@code
 * .<id>.mp4.<instance>.<random>-work.part}), so the name still tells the same final file and
 * instance and the service's clean-up by final name or by instance finds it. Only a caller that
 * names a final file itself (the command line, tests) gets a partial file made here ({@code .<final
 * name>.local.<random>.part}), which the converter moves onto that name once complete.
 * encoder-service's {@code PartialOutputTest} checks that these names follow {@code PartialFiles}.
 */
public final class PartialOutput {

  /** The instance part of partial files made here (the command line, tests). */
  static final String LOCAL = "local";

  private static final String SUFFIX = ".part";
  private static final Pattern PURPOSE = Pattern.compile("[A-Za-z0-9_-]{1,20}");
  private static final int MAX_FINAL_NAME = 200;

  private PartialOutput() {}

  /** Whether {@code file} is named as a partial file: hidden and ending in {@code .part}. */
  public static boolean isPartial(Path file) {
    String name = file.getFileName().toString();
    return name.startsWith(".") && name.endsWith(SUFFIX) && name.length() > 1 + SUFFIX.length();
  }

  /**
   * The file to write {@code mp4} into: {@code mp4} itself when it is a partial file, else a new
   * partial file beside it (the caller then moves it onto {@code mp4} once complete).
   */
  public static Path fileFor(Path mp4) {
    Path absolute = mp4.toAbsolutePath();
    if (isPartial(absolute)) {
      return absolute;
    }
    String finalName = absolute.getFileName().toString().replaceAll("[^A-Za-z0-9._-]", "_");
    if (finalName.length() > MAX_FINAL_NAME) {
      finalName = finalName.substring(finalName.length() - MAX_FINAL_NAME);
    }
    return absolute.resolveSibling(
        "." + finalName + "." + LOCAL + "." + UUID.randomUUID() + SUFFIX);
  }

  /**
   * A work file or directory beside {@code partial} that belongs to the same final file and
   * instance, e.g. {@code .<id>.mp4.<instance>.<random>-work.part} for {@code purpose} {@code
   * work}.
   *
   * @param partial a partial file, as {@link #fileFor} returns
   * @param purpose a short word ({@code [A-Za-z0-9_-]}, no dot)
   */
  public static Path sibling(Path partial, String purpose) {
    String name = partial.getFileName().toString();
    if (!isPartial(partial) || !PURPOSE.matcher(purpose).matches()) {
      throw new IllegalArgumentException("No sibling " + purpose + " for " + name);
    }
    String stem = name.substring(0, name.length() - SUFFIX.length());
    return partial.resolveSibling(stem + "-" + purpose + SUFFIX);
  }
}
