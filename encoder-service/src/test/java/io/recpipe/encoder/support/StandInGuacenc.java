package io.recpipe.encoder.support;

import io.recpipe.converter.testing.TestRecordings;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Stand-in guacenc scripts from {@code src/test/resources/guacenc}, made executable in a temp
 * directory at test time. {@code guacenc-standin.sh} behaves like the real guacenc (copies its
 * reference output); the others fail the ways guacenc fails.
 */
public final class StandInGuacenc {

  public static final String WORKING = "guacenc-standin.sh";
  public static final String ERROR = "guacenc-error.sh";
  public static final String FAILED = "guacenc-failed.sh";
  public static final String HANG = "guacenc-hang.sh";
  public static final String GARBAGE = "guacenc-garbage.sh";

  private StandInGuacenc() {}

  /** Installs the script into {@code dir}; the hang script writes its pid file into {@code dir}. */
  public static Path install(String script, Path dir) {
    try (InputStream in = StandInGuacenc.class.getResourceAsStream("/guacenc/" + script)) {
      String text =
          new String(in.readAllBytes(), StandardCharsets.UTF_8)
              .replace("@REFERENCE_DIR@", TestRecordings.dir().resolve("reference").toString())
              .replace("@DEFAULT_REFERENCE@", TestRecordings.reference("ssh-1-1024x768").toString())
              .replace("@MARKER_DIR@", dir.toAbsolutePath().toString());
      Files.createDirectories(dir);
      Path target = dir.resolve(script);
      Files.writeString(target, text, StandardCharsets.UTF_8);
      Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rwxr-xr-x"));
      return target;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The pid the hang script's child wrote, once it has. */
  public static Path hangPidFile(Path dir) {
    return dir.resolve("guacenc-hang.pid");
  }
}
