package io.recpipe.encoder.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The shared real recordings ({@code <repo root>/../shared/recordings}), read-only. */
public final class TestRecordings {

  private TestRecordings() {}

  public static Path dir() {
    String root = System.getProperty("recpipe.repo.root");
    Path base = root != null ? Path.of(root) : Path.of("..").toAbsolutePath().normalize();
    Path dir = base.resolve("../shared/recordings").normalize();
    if (!Files.isDirectory(dir)) {
      throw new IllegalStateException("Shared recordings not found at " + dir);
    }
    return dir;
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
