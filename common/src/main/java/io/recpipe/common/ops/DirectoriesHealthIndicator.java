package io.recpipe.common.ops;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * DOWN when the recordings directory cannot be read or a directory the service writes cannot be
 * written: the service can do nothing useful then. Details name each directory and what it lacks.
 */
public class DirectoriesHealthIndicator implements HealthIndicator {

  private final Path recordings;
  private final Map<String, Path> writable;

  public DirectoriesHealthIndicator(Path recordings, Map<String, Path> writable) {
    this.recordings = recordings;
    this.writable = writable;
  }

  @Override
  public Health health() {
    Map<String, String> details = new LinkedHashMap<>();
    boolean up = check("recordings", recordings, false, details);
    for (var entry : writable.entrySet()) {
      up &= check(entry.getKey(), entry.getValue(), true, details);
    }
    return (up ? Health.up() : Health.down()).withDetails(Map.copyOf(details)).build();
  }

  private static boolean check(
      String name, Path dir, boolean needWrite, Map<String, String> details) {
    boolean ok =
        Files.isDirectory(dir) && Files.isReadable(dir) && (!needWrite || Files.isWritable(dir));
    String need = needWrite ? "writable" : "readable";
    details.put(name, dir + (ok ? " (" + need + ")" : " (NOT " + need + ")"));
    return ok;
  }
}
