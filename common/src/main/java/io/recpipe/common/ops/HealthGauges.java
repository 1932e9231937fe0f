package io.recpipe.common.ops;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.boot.health.contributor.CompositeHealthContributor;
import org.springframework.boot.health.contributor.HealthContributor;
import org.springframework.boot.health.contributor.HealthContributors;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;

/**
 * The gauge {@code recpipe.health{component=…}}: 1 while a health component is UP, 0 while it is
 * anything else (DOWN, OUT_OF_SERVICE, UNKNOWN), one per indicator of the health tree, nested ones
 * named by their path ({@code stores/s3}), so alerts can name what is down (a store, EmpowerID, a
 * disk) without the actuator's health endpoint. Each read asks the indicator, as a health call
 * would.
 */
public class HealthGauges {

  public static final String METER = "recpipe.health";

  /** Registers one gauge per indicator found in {@code health} now. */
  public HealthGauges(HealthContributors health, MeterRegistry registry) {
    register("", health, registry);
  }

  private static void register(String prefix, HealthContributors health, MeterRegistry registry) {
    for (HealthContributors.Entry entry : health) {
      String path = prefix + entry.name();
      HealthContributor contributor = entry.contributor();
      if (contributor instanceof HealthIndicator indicator) {
        Gauge.builder(METER, indicator, HealthGauges::up)
            .description("Health of a component: 1 UP, 0 anything else")
            .tag("component", path)
            .strongReference(true)
            .register(registry);
      } else if (contributor instanceof CompositeHealthContributor composite) {
        register(path + "/", composite, registry);
      }
    }
  }

  private static double up(HealthIndicator indicator) {
    try {
      return Status.UP.equals(indicator.health(false).getStatus()) ? 1 : 0;
    } catch (RuntimeException e) {
      // The health endpoint reports an indicator that throws as DOWN.
      return 0;
    }
  }
}
