package io.recpipe.common.job;

import java.util.concurrent.Executors;
import javax.sql.DataSource;
import net.javacrumbs.shedlock.core.LockProvider;
import net.javacrumbs.shedlock.provider.jdbctemplate.JdbcTemplateLockProvider;
import net.javacrumbs.shedlock.support.KeepAliveLockProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The ShedLock lock provider on the job database (the service's {@link LockTable}, times from the
 * database so instances with skewed clocks still take turns). Locks are held under the instance's
 * stable name and kept short: a {@link KeepAliveLockProvider} extends a lock while its run lasts
 * (on a timer thread of its own), so a dead instance blocks others for one short {@code
 * lock-at-most-for} at most, and a restarted instance releases the locks its previous life held. A
 * service's schedule {@code @Import}s this and declares its {@link LockTable}; lock names and
 * durations stay on its annotations.
 */
@Configuration(proxyBeanMethods = false)
public class SchedulerLockConfiguration {

  private static final Logger log = LoggerFactory.getLogger(SchedulerLockConfiguration.class);

  @Bean
  static LockProvider lockProvider(DataSource dataSource, InstanceName instance, LockTable table) {
    var jdbc =
        new JdbcTemplateLockProvider(
            JdbcTemplateLockProvider.Configuration.builder()
                .withJdbcTemplate(new JdbcTemplate(dataSource))
                .withTableName(table.name())
                .withLockedByValue(instance.value())
                .usingDbTime()
                .build());
    // Not a bean: Spring's scheduling would take a ScheduledExecutorService bean for its own.
    var keepAlive =
        Executors.newSingleThreadScheduledExecutor(
            runnable -> {
              Thread thread = new Thread(runnable, "shedlock-keep-alive");
              thread.setDaemon(true);
              return thread;
            });
    return new KeepAliveLockProvider(jdbc, keepAlive);
  }

  @Bean
  static LockedRuns lockedRuns(LockProvider lockProvider, java.time.Clock clock) {
    return new LockedRuns(lockProvider, clock);
  }

  /** At start-up, after the migrations: releases the locks held under this instance's name. */
  @Bean
  static SmartLifecycle ownLocksRelease(
      DataSource dataSource, InstanceName instance, LockTable table) {
    return new SmartLifecycle() {
      private volatile boolean running;

      @Override
      public void start() {
        int released =
            new JdbcTemplate(dataSource)
                .update(
                    "UPDATE "
                        + table.name()
                        + " SET lock_until = locked_at WHERE locked_by = ?"
                        + " AND lock_until > locked_at",
                    instance.value());
        if (released > 0) {
          log.info(
              "Run locks held by this instance before its restart released. instance: {},"
                  + " locks: {}",
              instance.value(),
              released);
        }
        running = true;
      }

      @Override
      public void stop() {
        running = false;
      }

      @Override
      public boolean isRunning() {
        return running;
      }

      @Override
      public int getPhase() {
        return Integer.MIN_VALUE + 1000; // before the job runners start
      }
    };
  }
}
