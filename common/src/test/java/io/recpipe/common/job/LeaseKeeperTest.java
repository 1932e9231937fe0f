package io.recpipe.common.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.recpipe.common.session.SessionId;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

class LeaseKeeperTest {

  @Test
  void theLeaseOfRunningWorkIsPushedForwardWhileItRuns() throws Exception {
    var dataSource =
        new DriverManagerDataSource(
            "jdbc:h2:mem:lease-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "");
    JobTableSchema.statements("uploader_job").forEach(new JdbcTemplate(dataSource)::execute);
    var jobs = new JdbcJobStore(dataSource, "uploader_job");
    var id = SessionId.of("lease-1");
    Clock clock = Clock.systemUTC();
    Duration lease = Duration.ofMillis(600);
    jobs.enqueue(id, "AWS", clock.instant());
    jobs.claim("me", 0, 1, lease, clock.instant());
    Instant first = jobs.find(id).orElseThrow().leaseUntil();
    var timer = Executors.newSingleThreadScheduledExecutor();

    boolean renewed = false;
    try (var renewal = new LeaseKeeper(jobs, timer, clock).keep(id, "me", lease)) {
      for (int look = 0; look < 200 && !renewed; look++) {
        Thread.sleep(50);
        renewed = jobs.find(id).orElseThrow().leaseUntil().isAfter(first);
      }
    } finally {
      timer.shutdownNow();
    }

    assertThat(renewed).as("lease_until moved forward").isTrue();
    assertThat(jobs.find(id).orElseThrow().owner()).isEqualTo("me");
  }
}
