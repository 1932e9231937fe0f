package io.recpipe.encoder.ops;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/** DOWN when a tool the selected converter runs (ffmpeg, ffprobe, guacenc) is not executable. */
public class ConverterToolsHealthIndicator implements HealthIndicator {

  private final Map<String, String> tools;

  /** Tool name to configured executable (a path, or a bare name looked up on {@code PATH}). */
  public ConverterToolsHealthIndicator(Map<String, String> tools) {
    this.tools = tools;
  }

  @Override
  public Health health() {
    boolean up = true;
    Map<String, Object> details = new LinkedHashMap<>();
    for (var tool : tools.entrySet()) {
      Optional<Path> found = resolve(tool.getValue());
      up &= found.isPresent();
      details.put(tool.getKey(), found.map(Path::toString).orElse("NOT FOUND: " + tool.getValue()));
    }
    return (up ? Health.up() : Health.down()).withDetails(details).build();
  }

  static Optional<Path> resolve(String executable) {
    if (executable.contains(File.separator)) {
      Path path = Path.of(executable);
      return Files.isExecutable(path) ? Optional.of(path) : Optional.empty();
    }
    String pathVariable = System.getenv("PATH");
    if (pathVariable == null) {
      return Optional.empty();
    }
    for (String dir : pathVariable.split(File.pathSeparator)) {
      Path candidate = Path.of(dir, executable);
      if (Files.isExecutable(candidate)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }
}
