package io.recpipe.common.job;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import java.time.Duration;
import java.time.Instant;
import net.javacrumbs.shedlock.core.LockConfiguration;
import net.javacrumbs.shedlock.core.LockProvider;
import net.javacrumbs.shedlock.core.SimpleLock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The shared lock provider on a real (H2) lock table: one holder at a time. */
class SchedulerLockConfigurationTest {

  private static final LockTable LOCKS = new LockTable("test_shedlock");
  private final HikariDataSource dataSource = TestDatabases.h2("locks_" + System.nanoTime());

  @AfterEach
  void tearDown() {
    dataSource.close();
  }

  @Test
  void aNamedLockHasOneHolderUntilItIsReleased() {
    JdbcClient.create(dataSource)
        .sql(
            "CREATE TABLE test_shedlock (name VARCHAR(64) PRIMARY KEY, lock_until TIMESTAMP(3),"
                + " locked_at TIMESTAMP(3), locked_by VARCHAR(255))")
        .update();
    LockProvider locks =
        SchedulerLockConfiguration.lockProvider(dataSource, new InstanceName("me"), LOCKS);
    var scan =
        new LockConfiguration(Instant.now(), "test.scan", Duration.ofMinutes(5), Duration.ZERO);

    SimpleLock held = locks.lock(scan).orElseThrow();
    assertThat(locks.lock(scan)).as("taken").isEmpty();
    assertThat(
            locks.lock(
                new LockConfiguration(
                    Instant.now(), "test.other", Duration.ofMinutes(5), Duration.ZERO)))
        .as("another name")
        .isPresent();

    held.unlock();
    assertThat(locks.lock(scan)).as("released").isPresent();
  }

  @Test
  void aRestartedInstanceReleasesTheLocksItHeldButNotOthers() {
    JdbcClient.create(dataSource)
        .sql(
            "CREATE TABLE test_shedlock (name VARCHAR(64) PRIMARY KEY, lock_until TIMESTAMP(3),"
                + " locked_at TIMESTAMP(3), locked_by VARCHAR(255))")
        .update();
    var scan =
        new LockConfiguration(Instant.now(), "test.scan", Duration.ofMinutes(5), Duration.ZERO);
    var other =
        new LockConfiguration(Instant.now(), "test.other", Duration.ofMinutes(5), Duration.ZERO);
    assertThat(
            SchedulerLockConfiguration.lockProvider(dataSource, new InstanceName("me"), LOCKS)
                .lock(scan))
        .isPresent();
    assertThat(
            SchedulerLockConfiguration.lockProvider(dataSource, new InstanceName("you"), LOCKS)
                .lock(other))
        .isPresent();
    // "me" died and starts again: its lock is released at start-up, "you"'s is kept.
    LockProvider restarted =
        SchedulerLockConfiguration.lockProvider(dataSource, new InstanceName("me"), LOCKS);
    assertThat(restarted.lock(scan)).as("still held by the dead life").isEmpty();
    SchedulerLockConfiguration.ownLocksRelease(dataSource, new InstanceName("me"), LOCKS).start();
    assertThat(restarted.lock(scan)).as("released").isPresent();
    assertThat(restarted.lock(other)).as("another instance's lock stays").isEmpty();
  }
}
