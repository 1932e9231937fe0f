package io.recpipe.common.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.health.contributor.Status;

class DirectoriesHealthIndicatorTest {

  @TempDir Path root;

  @Test
  void upWhenEveryDirectoryIsThere() throws Exception {
    Path in = Files.createDirectory(root.resolve("in"));
    Path out = Files.createDirectory(root.resolve("out"));

    var health = new DirectoriesHealthIndicator(in, Map.of("output", out)).health();

    assertThat(health.getStatus()).isEqualTo(Status.UP);
    assertThat(health.getDetails())
        .containsEntry("recordings", in + " (readable)")
        .containsEntry("output", out + " (writable)");
  }

  @Test
  void downAndNamedWhenADirectoryIsMissing() throws Exception {
    Path in = Files.createDirectory(root.resolve("in"));
    Path missing = root.resolve("missing");
    Map<String, Path> writable = new LinkedHashMap<>();
    writable.put("data", in);
    writable.put("quarantine", missing);

    var health = new DirectoriesHealthIndicator(in, writable).health();

    assertThat(health.getStatus()).isEqualTo(Status.DOWN);
    assertThat(health.getDetails())
        .containsEntry("data", in + " (writable)")
        .containsEntry("quarantine", missing + " (NOT writable)");
  }

  @Test
  void downWhenTheReadDirectoryIsMissing() {
    Path missing = root.resolve("gone");

    var health = new DirectoriesHealthIndicator(missing, Map.of()).health();

    assertThat(health.getStatus()).isEqualTo(Status.DOWN);
    assertThat(health.getDetails()).containsEntry("recordings", missing + " (NOT readable)");
  }
}
