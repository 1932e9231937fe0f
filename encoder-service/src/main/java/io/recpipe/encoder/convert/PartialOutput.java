package io.recpipe.encoder.convert;

import io.recpipe.common.files.PartialFiles;
import io.recpipe.common.process.ChildProcesses;
import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * Where a converter writes before its output is complete, by the one rule of {@link PartialFiles}.
 *
 * <p>The service hands a converter a partial file ({@code .<id>.mp4.<instance>.<random>.part}) and
 * publishes it itself: the converter writes straight into it, and names any work file or directory
 * it needs by appending to the random part ({@code .<id>.mp4.<instance>.<random>-work.part}), so
 * the name still tells the same final file and instance: a job taken over ({@link
 * PartialFiles#removeFor}) and a restarted instance ({@link PartialFiles#removeOwnedBy}) both find
 * it. Only a caller that names a final file itself (the command line, tests) gets a partial file
 * made here, which the converter moves onto that name once complete.
 */
public final class PartialOutput {

  /** The instance tag of partial files made when no instance name was set (the command line). */
  static final String LOCAL = "local";

  private static final Pattern PURPOSE = Pattern.compile("[A-Za-z0-9_-]{1,20}");
  private static final int MAX_FINAL_NAME = 200;

  private PartialOutput() {}

  /** Whether {@code file} is named as a partial file. */
  public static boolean isPartial(Path file) {
    return PartialFiles.isPartial(file.getFileName().toString());
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
    return PartialFiles.newPartial(
        absolute.getParent(), finalName, ChildProcesses.tag().orElse(LOCAL));
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
    if (!PartialFiles.isPartial(name) || !PURPOSE.matcher(purpose).matches()) {
      throw new IllegalArgumentException("No sibling " + purpose + " for " + name);
    }
    String stem = name.substring(0, name.length() - ".part".length());
    return partial.resolveSibling(stem + "-" + purpose + ".part");
  }
}
