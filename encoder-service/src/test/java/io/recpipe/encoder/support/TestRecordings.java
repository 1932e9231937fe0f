package io.recpipe.encoder.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The shared real recordings, read-only: system property {@code recpipe.recordings} (set by the
 * build: {@code <repo root>/../shared/recordings}, or {@code RECPIPE_RECORDINGS}).
 */
public final class TestRecordings {

  private TestRecordings() {}

  public static Path dir() {
    Path dir = location("../../shared/recordings");
    if (!Files.isDirectory(dir)) {
      throw new IllegalStateException(
          "Shared recordings not found at " + dir + "; set RECPIPE_RECORDINGS to their folder");
    }
    return dir;
  }

  /** Where the recordings are said to be; {@code fallback} (from the module) outside Maven. */
  public static Path location(String fallback) {
    return Path.of(System.getProperty("recpipe.recordings", fallback)).toAbsolutePath().normalize();
  }

  public static Path recording(String name) {
    return dir().resolve(name + ".guac");
  }

  public static Path reference(String name) {
    return dir().resolve("reference").resolve(name + ".guacenc.m4v");
  }

  /** Copies a recording to {@code target} (never rename or lock the shared one). */
  public static Path copy(String name, Path target) {
    try {
      Files.createDirectories(target.getParent());
      return Files.copy(recording(name), target);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
