package io.recpipe.common.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.health.contributor.CompositeHealthContributor;
import org.springframework.boot.health.contributor.HealthContributor;
import org.springframework.util.unit.DataSize;

class HealthGaugesTest {

  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

  @TempDir Path dir;

  /** Held: Micrometer keeps a gauge's object weakly, and a collected one reads NaN. */
  private CompositeHealthContributor held;

  @Test
  void oneGaugePerIndicatorNamedByItsPathOneWhileUpZeroOtherwise() throws IOException {
    Path recordings = Files.createDirectories(dir.resolve("recordings"));
    Map<String, HealthContributor> stores = new LinkedHashMap<>();
    stores.put("file", new DirectoriesHealthIndicator(dir, Map.of("videos", dir)));
    stores.put("full", new FreeDiskHealthIndicator(dir, DataSize.ofTerabytes(1_000_000)));
    Map<String, HealthContributor> tree = new LinkedHashMap<>();
    tree.put("directories", new DirectoriesHealthIndicator(recordings, Map.of()));
    tree.put("stores", CompositeHealthContributor.fromMap(stores));

    held = CompositeHealthContributor.fromMap(tree);
    new HealthGauges(held, registry);

    assertThat(registry.get(HealthGauges.METER).gauges())
        .extracting(g -> g.getId().getTag("component"))
        .containsExactlyInAnyOrder("directories", "stores/file", "stores/full");
    assertThat(health("directories")).isEqualTo(1.0);
    assertThat(health("stores/file")).isEqualTo(1.0);
    assertThat(health("stores/full")).as("less free space than the threshold").isZero();

    Files.delete(recordings);
    assertThat(health("directories")).as("read at each scrape").isZero();
  }

  private double health(String component) {
    Gauge gauge = registry.get(HealthGauges.METER).tag("component", component).gauge();
    return gauge.value();
  }
}
