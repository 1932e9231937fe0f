package io.recpipe.common.ops;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.util.unit.DataSize;

/** DOWN when a directory's file system has less free space than the threshold. */
public class FreeDiskHealthIndicator implements HealthIndicator {

  private final Path dir;
  private final DataSize threshold;

  public FreeDiskHealthIndicator(Path dir, DataSize threshold) {
    this.dir = dir;
    this.threshold = threshold;
  }

  @Override
  public Health health() {
    try {
      long free = Files.getFileStore(dir).getUsableSpace();
      var builder = free >= threshold.toBytes() ? Health.up() : Health.down();
      return builder
          .withDetail("path", dir.toString())
          .withDetail("free", free)
          .withDetail("threshold", threshold.toBytes())
          .build();
    } catch (IOException e) {
      return Health.down(e).withDetail("path", dir.toString()).build();
    }
  }
}
