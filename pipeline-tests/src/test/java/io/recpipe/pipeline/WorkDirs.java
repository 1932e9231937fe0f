package io.recpipe.pipeline;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** The work directories of the tests that start real processes. */
final class WorkDirs {

  private WorkDirs() {}

  /**
   * Deletes a passed test's work directory; keeps a failed one's (logs, data, store) and says
   * where.
   */
  static void removeOrKeep(Path work, boolean passed, String test) {
    if (work == null) {
      return;
    }
    if (!passed) {
      System.err.println(test + " test files and logs kept in " + work);
      return;
    }
    try (Stream<Path> paths = Files.walk(work)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      System.err.println("Could not delete " + work + ": " + e);
    }
  }
}
