package io.recpipe.encoder;

import static org.assertj.core.api.Assertions.assertThat;

import io.recpipe.common.job.JdbcJobStore;
import io.recpipe.common.job.Job;
import io.recpipe.common.job.JobRunner;
import io.recpipe.common.job.JobState;
import io.recpipe.common.job.Outcome;
import io.recpipe.common.job.PacedRuns;
import io.recpipe.common.session.SessionId;
import io.recpipe.converter.testing.TestRecordings;
import io.recpipe.encoder.scan.ScanJob;
import io.recpipe.encoder.support.EmpowerIdStub;
import io.recpipe.encoder.support.StandInGuacenc;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

/**
 * Two encoder instances (two Spring contexts) on one PostgreSQL database (127.0.0.1:5432, a schema
 * of its own per run) work one queue at the same time: every session is converted by exactly one of
 * them, and EmpowerID hears Processing and Processed once per session.
 */
class TwoEncodersOnPostgresTest {

  static final String URL = "jdbc:postgresql://127.0.0.1:5432/test";
  static final int SESSIONS = 6;

  @TempDir Path root;
  private final EmpowerIdStub empowerId = new EmpowerIdStub();
  private final List<ConfigurableApplicationContext> contexts = new ArrayList<>();
  private final String schema =
      "encoder_" + Long.toHexString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE);

  @AfterEach
  void stop() {
    contexts.forEach(ConfigurableApplicationContext::close);
    empowerId.close();
    admin().sql("DROP SCHEMA IF EXISTS " + schema + " CASCADE").update();
  }

  @Test
  void twoInstancesNeverConvertTheSameSession() throws Exception {
    Path recordings = Files.createDirectories(root.resolve("recordings"));
    Map<String, String> sessions = new LinkedHashMap<>();
    for (int i = 0; i < SESSIONS; i++) {
      String id = "shared-queue-" + i;
      TestRecordings.copy("ssh-1-1024x768", recordings.resolve(id + ".guac"));
      sessions.put(id, "Recorded");
    }
    empowerId.sessions(sessions);
    admin().sql("CREATE SCHEMA " + schema).update();
    Path guacenc = StandInGuacenc.install(StandInGuacenc.WORKING, root.resolve("bin"));
    ConfigurableApplicationContext a = start("enc-a", guacenc);
    ConfigurableApplicationContext b = start("enc-b", guacenc);
    assertThat(a.getBean(ScanJob.class).runOnce().queued()).isEqualTo(SESSIONS);

    var barrier = new CyclicBarrier(2);
    var runA = CompletableFuture.supplyAsync(() -> drain(a, barrier));
    var runB = CompletableFuture.supplyAsync(() -> drain(b, barrier));
    int convertedByA = runA.get();
    int convertedByB = runB.get();

    assertThat(convertedByA + convertedByB).isEqualTo(SESSIONS);
    JdbcJobStore jobs = a.getBean(JdbcJobStore.class);
    assertThat(jobs.countsByState()).containsEntry(JobState.DONE, (long) SESSIONS);
    for (String id : sessions.keySet()) {
      Job job = jobs.find(SessionId.of(id)).orElseThrow();
      assertThat(job.attempts()).as(id + " converted once").isEqualTo(1);
      assertThat(job.owner()).isIn("enc-a", "enc-b");
      assertThat(empowerId.statusesSent(id)).as(id).containsExactly("Processing", "Processed");
      assertThat(root.resolve("output").resolve(id + ".mp4")).exists();
    }
  }

  /** Runs the instance's process job until the queue is empty; returns what it converted. */
  private static int drain(ConfigurableApplicationContext context, CyclicBarrier barrier) {
    try {
      barrier.await();
      int converted = 0;
      JobRunner.RunResult result;
      do {
        result = context.getBean(PacedRuns.class).runOnce();
        converted += result.count(Outcome.DONE);
        assertThat(result.count(Outcome.FAILED) + result.count(Outcome.LOST)).isZero();
      } while (result.claimed() > 0);
      return converted;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private ConfigurableApplicationContext start(String instance, Path guacenc) {
    var context =
        new SpringApplicationBuilder(EncoderApplication.class)
            .run(
                "--spring.main.web-application-type=none",
                "--spring.datasource.url=" + URL + "?currentSchema=" + schema,
                "--spring.datasource.username=postgres",
                "--spring.datasource.password=",
                "--spring.flyway.schemas=" + schema,
                "--encoder.instance-id=" + instance,
                "--encoder.recordings-dir=" + root.resolve("recordings"),
                "--encoder.output-dir=" + root.resolve("output"),
                "--encoder.data-dir=" + root.resolve("data-" + instance),
                "--encoder.converter=" + EncoderTestSetup.CONVERTER,
                "--encoder.guacenc.path=" + guacenc,
                "--encoder.guacenc.preset=ultrafast",
                "--encoder.scheduling.enabled=false",
                "--encoder.scan.stable-check=0s",
                "--encoder.parallelism=1",
                "--encoder.process.batch-size=2",
                "--empowerid.base-url=" + empowerId.baseUrl(),
                "--empowerid.api-key=test-api-key",
                "--empowerid.client-id=encoder-test",
                "--empowerid.client-secret=test-secret",
                "--empowerid.process-instance=" + instance);
    contexts.add(context);
    return context;
  }

  private static JdbcClient admin() {
    return JdbcClient.create(
        new SimpleDriverDataSource(new org.postgresql.Driver(), URL, "postgres", ""));
  }
}
