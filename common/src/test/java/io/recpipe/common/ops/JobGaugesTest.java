package io.recpipe.common.ops;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.recpipe.common.empowerid.MutableClock;
import io.recpipe.common.job.JdbcJobStore;
import io.recpipe.common.job.JobState;
import io.recpipe.common.job.JobTableSchema;
import io.recpipe.common.session.SessionId;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

class JobGaugesTest {

  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  private final HikariDataSource dataSource = new HikariDataSource();
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final MutableClock clock = new MutableClock(T0);
  private JdbcJobStore jobs;

  /** Held: Micrometer keeps a gauge's object weakly, and a collected one reads NaN. */
  private JobGauges gauges;

  @BeforeEach
  void setUp() {
    dataSource.setJdbcUrl("jdbc:h2:mem:gauges_" + System.nanoTime() + ";DB_CLOSE_DELAY=-1");
    dataSource.setUsername("sa");
    JobTableSchema.statements("gauge_job")
        .forEach(s -> JdbcClient.create(dataSource).sql(s).update());
    jobs = new JdbcJobStore(dataSource, "gauge_job");
    gauges = new JobGauges(jobs, clock, registry, "recpipe.test.jobs", "Test jobs by state");
  }

  @AfterEach
  void tearDown() {
    dataSource.close();
  }

  @Test
  void oneGaugePerStateUnderTheGivenNameReadAtMostEveryFewSeconds() {
    jobs.enqueue(SessionId.of("a"), null, T0);
    jobs.enqueue(SessionId.of("b"), null, T0);

    assertThat(queued()).isEqualTo(2.0);
    assertThat(registry.get("recpipe.test.jobs").tag("state", "DONE").gauge().value()).isZero();
    assertThat(registry.get("recpipe.test.jobs").gauges()).hasSize(JobState.values().length);

    jobs.enqueue(SessionId.of("c"), null, T0);
    assertThat(queued()).as("cached").isEqualTo(2.0);

    clock.advance(Duration.ofSeconds(6));
    assertThat(queued()).as("read again").isEqualTo(3.0);
  }

  @Test
  void oldestIsTheAgeInSecondsOfTheJobWaitingLongestAndGrowsBetweenReads() {
    assertThat(oldest()).as("nothing waits").isZero();
    clock.advance(Duration.ofSeconds(6));
    jobs.enqueue(SessionId.of("a"), null, clock.instant());
    jobs.enqueue(SessionId.of("b"), null, clock.instant().plusSeconds(30));
    clock.advance(Duration.ofSeconds(100));

    assertThat(oldest()).isEqualTo(100.0);
    assertThat(registry.get("recpipe.test.jobs.oldest").gauge().getId().getBaseUnit())
        .isEqualTo("seconds");
    jobs.claim("one", 0, 1, Duration.ofMinutes(1), clock.instant());
    clock.advance(Duration.ofSeconds(2));
    assertThat(oldest()).as("still the figure read last, aged").isEqualTo(102.0);

    clock.advance(Duration.ofSeconds(4));
    assertThat(oldest()).as("a running job waits for nothing").isEqualTo(76.0);
  }

  private double oldest() {
    return registry.get("recpipe.test.jobs.oldest").gauge().value();
  }

  private double queued() {
    return registry.get("recpipe.test.jobs").tag("state", "QUEUED").gauge().value();
  }
}
