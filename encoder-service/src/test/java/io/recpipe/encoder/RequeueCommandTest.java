package io.recpipe.encoder;

import static org.assertj.core.api.Assertions.assertThat;

import io.recpipe.common.job.JdbcJobStore;
import io.recpipe.common.job.Job;
import io.recpipe.common.job.JobState;
import io.recpipe.common.job.Requeue;
import io.recpipe.common.session.SessionId;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code requeue SESSION_ID...} command as {@code EncoderApplication.main} runs it: a context
 * of its own on the service's database (no web server, no timers, an instance name of its own),
 * which requeues failed jobs and brings their recordings back from quarantine.
 */
class RequeueCommandTest {

  @TempDir Path root;

  @Test
  void requeuesAFailedJobOnTheServicesDatabaseAndRefusesTheRest() throws Exception {
    Path data = root.resolve("data");
    Path recordings = Files.createDirectories(root.resolve("recordings"));
    String[] settings = {
      "--encoder.data-dir=" + data,
      "--encoder.recordings-dir=" + recordings,
      "--encoder.output-dir=" + Files.createDirectories(root.resolve("output")),
      "--empowerid.base-url=http://127.0.0.1:9",
      "--empowerid.allow-insecure-http=true",
      "--empowerid.api-key=k",
      "--empowerid.client-id=c",
      "--empowerid.client-secret=s",
      "--spring.main.banner-mode=off"
    };
    // A first run creates the database: nothing to requeue there yet.
    assertThat(run(settings, "no-such-session").exit()).isEqualTo(1);

    // The service gave up on a recording: its job FAILED, the recording in quarantine.
    SessionId id = SessionId.of("gave-up-on");
    Instant t0 = Instant.parse("2026-03-01T08:00:00Z");
    var jobs = new JdbcJobStore(h2(data), "encoder_job");
    jobs.enqueue(id, null, t0);
    jobs.claim("encoder-x", 0, 1, Duration.ofMinutes(1), t0);
    jobs.failPermanently(id, "encoder-x", "Not a recording", "ProcessingFailed", t0);
    Path quarantine = Files.createDirectories(data.resolve("quarantine"));
    Files.writeString(quarantine.resolve(id.value() + ".guac"), "4.sync,1.0;");
    Files.writeString(quarantine.resolve(id.value() + ".reason.txt"), "Not a recording");

    Result result = run(settings, id.value(), "../x");

    assertThat(result.exit()).as(result.printed()).isEqualTo(1);
    assertThat(result.printed()).contains(id.value() + ": requeued").contains("not a session id");
    Job job = jobs.find(id).orElseThrow();
    assertThat(job.state()).isEqualTo(JobState.QUEUED);
    assertThat(job.attempts()).isZero();
    assertThat(job.owner()).isNull();
    assertThat(recordings.resolve(id.value() + ".guac")).exists();
    assertThat(quarantine.resolve(id.value() + ".guac")).doesNotExist();
    assertThat(quarantine.resolve(id.value() + ".reason.txt")).doesNotExist();

    // Requeued once: a second time is refused (only a FAILED job can be requeued).
    Result again = run(settings, id.value());
    assertThat(again.exit()).isEqualTo(1);
    assertThat(again.printed()).contains(id.value() + ": not requeued");
  }

  private record Result(int exit, String printed) {}

  private static Result run(String[] settings, String... ids) {
    var args = new ArrayList<>(List.of(ids));
    args.addAll(List.of(settings));
    var printed = new ByteArrayOutputStream();
    PrintStream out = System.out;
    System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
    int exit;
    try {
      exit = Requeue.command(EncoderApplication.class, "encoder", args.toArray(String[]::new));
    } finally {
      System.setOut(out);
    }
    return new Result(exit, printed.toString(StandardCharsets.UTF_8));
  }

  private static JdbcDataSource h2(Path data) {
    var source = new JdbcDataSource();
    source.setURL("jdbc:h2:" + data.resolve("encoder") + ";DB_CLOSE_ON_EXIT=FALSE");
    source.setUser("sa");
    source.setPassword("");
    return source;
  }
}
