package io.recpipe.simulator.watch;

import io.recpipe.simulator.SimulatorProperties;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;

/** Looks at the watched folder every {@code simulator.watch-interval}, when a folder is set. */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class WatchConfig implements SchedulingConfigurer {

  private final DirectoryWatch watch;
  private final SimulatorProperties properties;

  WatchConfig(DirectoryWatch watch, SimulatorProperties properties) {
    this.watch = watch;
    this.properties = properties;
  }

  @Override
  public void configureTasks(ScheduledTaskRegistrar registrar) {
    if (properties.watchDir() != null) {
      registrar.addFixedDelayTask(watch::runOnce, properties.watchInterval());
    }
  }
}
