package io.recpipe.common.job;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import io.recpipe.common.session.SessionId;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

class ClaimRunnerTest {

  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  private enum Outcome {
    DONE,
    FAILED,
    LOST
  }

  private final ExecutorService executor = Executors.newFixedThreadPool(2);
  private HikariDataSource dataSource;
  private JdbcJobStore jobs;

  @BeforeEach
  void setUp() {
    dataSource = TestDatabases.h2("runner_" + System.nanoTime());
    String table = TestDatabases.uniqueTable();
    TestDatabases.createTable(JdbcClient.create(dataSource), table);
    jobs = new JdbcJobStore(dataSource, table);
  }

  @AfterEach
  void tearDown() {
    executor.shutdownNow();
    dataSource.close();
  }

  @Test
  void countsEachOutcomeAndAJobWhoseWorkBreaksIsLostButStaysClaimed() throws Exception {
    for (String id : List.of("a", "b", "c", "d")) {
      jobs.enqueue(SessionId.of(id), null, T0);
    }
    List<Claim> claims = jobs.claim("me", 0, 10, Duration.ofMinutes(1), T0);
    assertThat(claims).hasSize(4);

    Map<Outcome, Integer> outcomes =
        ClaimRunner.runAll(
            executor,
            claims,
            claim ->
                switch (claim.job().sessionId().value()) {
                  case "a", "b" -> Outcome.DONE;
                  case "c" -> Outcome.FAILED;
                  default -> throw new IllegalStateException("broke on purpose");
                },
            Outcome.LOST);

    assertThat(outcomes)
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(Outcome.DONE, 2, Outcome.FAILED, 1, Outcome.LOST, 1));
    Job lost = jobs.find(SessionId.of("d")).orElseThrow();
    assertThat(lost.state()).as("left for its lease to run out").isEqualTo(JobState.RUNNING);
    assertThat(lost.owner()).isEqualTo("me");
  }

  @Test
  void noClaimsNoOutcomes() throws Exception {
    assertThat(ClaimRunner.runAll(executor, List.of(), c -> Outcome.DONE, Outcome.LOST)).isEmpty();
  }
}
