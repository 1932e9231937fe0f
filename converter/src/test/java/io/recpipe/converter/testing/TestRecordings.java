package io.recpipe.converter.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/**
 * The real recordings, read-only. The build names their folder in the system property {@code
 * recpipe.recordings} and the corpus in {@code recpipe.corpus}: {@code full}, the shared corpus
 * ({@code RECPIPE_RECORDINGS}, or {@code ../shared/recordings} beside the checkout), or {@code
 * small}, the two short recordings in the repository's {@code testdata/recordings}. A test asking
 * for a recording that only the full corpus has is skipped, with the reason, on the small one; on
 * the full corpus a missing recording is an error.
 */
public final class TestRecordings {

  private static final String SHARED = "../../shared/recordings";
  private static final String TESTDATA = "../testdata/recordings";

  private TestRecordings() {}

  public static Path dir() {
    Path dir = location();
    if (!Files.isDirectory(dir)) {
      throw new IllegalStateException(
          "Recordings not found at " + dir + "; set RECPIPE_RECORDINGS to their folder");
    }
    return dir;
  }

  /** Whether the full shared corpus is in use (else the small one in testdata/). */
  public static boolean fullCorpus() {
    String corpus = System.getProperty("recpipe.corpus");
    if (corpus != null) {
      return corpus.equals("full");
    }
    return System.getProperty("recpipe.recordings") != null || Files.isDirectory(Path.of(SHARED));
  }

  /** Skips the calling test unless the full corpus is in use; {@code why} says what it needs. */
  public static void assumeFullCorpus(String why) {
    Assumptions.assumeTrue(
        fullCorpus(),
        () ->
            "needs the full corpus of recordings ("
                + why
                + "); only the small one in "
                + location()
                + " is here: set RECPIPE_RECORDINGS to the shared recordings to run it");
  }

  /**
   * Where the recordings are: the build's setting, else (outside Maven, from the module's folder)
   * the shared corpus beside the checkout when there, else the repository's small one.
   */
  public static Path location() {
    String set = System.getProperty("recpipe.recordings");
    Path dir =
        set != null
            ? Path.of(set)
            : Path.of(Files.isDirectory(Path.of(SHARED)) ? SHARED : TESTDATA);
    return dir.toAbsolutePath().normalize();
  }

  /** A recording by name (no {@code .guac}); skips the test if only the full corpus has it. */
  public static Path recording(String name) {
    Path file = dir().resolve(name + ".guac");
    if (!Files.exists(file)) {
      assumeFullCorpus(name + ".guac");
    }
    return file;
  }

  /** guacenc's output for a recording (in the small corpus, a smaller re-encode of it). */
  public static Path reference(String name) {
    return dir().resolve("reference").resolve(name + ".guacenc.m4v");
  }

  /** Copies a recording to {@code target} (never rename or lock the shared one). */
  public static Path copy(String name, Path target) {
    try {
      Path source = recording(name);
      Files.createDirectories(target.getParent());
      return Files.copy(source, target);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
