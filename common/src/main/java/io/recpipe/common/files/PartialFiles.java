package io.recpipe.common.files;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one naming rule for files (and work directories) a service writes before they are complete:
 * {@code .<final name>.<instance>.<random>.part}, where the instance's own dots are written as
 * {@code ~} so that its part is exactly the segment before the random one (an instance {@code b}
 * never takes {@code a.b}'s files for its own). Hidden and never ending in {@code .mp4}, so no
 * reader of final files ever lists one; the instance name says whose it is, so a restarted instance
 * removes its own left-overs without touching another replica's work in a shared directory; the
 * final name says which session it belongs to, so a job taken over from a dead replica removes that
 * session's left-overs whoever wrote them.
 */
public final class PartialFiles {

  private static final Logger log = LoggerFactory.getLogger(PartialFiles.class);
  private static final String SUFFIX = ".part";
  private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9._-]{1,200}");

  private PartialFiles() {}

  /**
   * A fresh partial name in {@code dir} for the file that will be called {@code finalName}.
   *
   * @param instance the writing instance's name ({@code [A-Za-z0-9._-]})
   */
  public static Path newPartial(Path dir, String finalName, String instance) {
    requireSafe(finalName, "final name");
    requireSafe(instance, "instance");
    return dir.resolve("." + finalName + "." + tag(instance) + "." + UUID.randomUUID() + SUFFIX);
  }

  /** Whether {@code name} follows this rule (whoever wrote it). */
  public static boolean isPartial(String name) {
    return name.startsWith(".") && name.endsWith(SUFFIX) && name.length() > 1 + SUFFIX.length();
  }

  /** Whether {@code name} is a partial file of the final file {@code finalName}. */
  public static boolean isPartialOf(String name, String finalName) {
    return isPartial(name) && name.startsWith("." + finalName + ".");
  }

  /** Whether {@code name} is a partial file written by {@code instance}. */
  public static boolean isOwnedBy(String name, String instance) {
    if (!isPartial(name)) {
      return false;
    }
    String stem = name.substring(0, name.length() - SUFFIX.length());
    int random = stem.lastIndexOf('.');
    if (random <= 0) {
      return false;
    }
    String rest = stem.substring(0, random);
    return rest.substring(rest.lastIndexOf('.') + 1).equals(tag(instance));
  }

  /** The instance as it appears in a partial name: without dots, so it is one segment. */
  private static String tag(String instance) {
    return instance.replace('.', '~');
  }

  /** Removes the partial files (and directories) of {@code finalName} in {@code dir}. */
  public static int removeFor(Path dir, String finalName) throws IOException {
    return remove(dir, name -> isPartialOf(name, finalName));
  }

  /** Removes every partial file (and directory) in {@code dir} written by {@code instance}. */
  public static int removeOwnedBy(Path dir, String instance) throws IOException {
    return remove(dir, name -> isOwnedBy(name, instance));
  }

  private static int remove(Path dir, java.util.function.Predicate<String> matches)
      throws IOException {
    if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
      return 0;
    }
    int removed = 0;
    try (DirectoryStream<Path> entries =
        Files.newDirectoryStream(dir, e -> matches.test(e.getFileName().toString()))) {
      for (Path entry : entries) {
        deleteTree(entry);
        removed++;
        log.debug("Partial file removed. file: {}", entry);
      }
    }
    return removed;
  }

  /** Deletes a file or a directory tree without following links out of it. */
  public static void deleteTree(Path path) throws IOException {
    if (!Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
      Files.deleteIfExists(path);
      return;
    }
    try (Stream<Path> paths = Files.walk(path)) {
      paths
          .sorted(Comparator.reverseOrder())
          .forEach(
              p -> {
                try {
                  Files.deleteIfExists(p);
                } catch (IOException e) {
                  throw new UncheckedIOException(e);
                }
              });
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }

  private static void requireSafe(String value, String what) {
    if (value == null || !SAFE.matcher(value).matches()) {
      throw new IllegalArgumentException("Unsafe " + what + " for a partial file: " + value);
    }
  }
}
