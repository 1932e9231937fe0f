package io.recpipe.encoder;

import static org.assertj.core.api.Assertions.assertThat;

import io.recpipe.common.job.PacedRuns;
import io.recpipe.converter.testing.TestRecordings;
import io.recpipe.encoder.scan.ScanJob;
import io.recpipe.encoder.support.EmpowerIdStub;
import io.recpipe.encoder.support.StandInGuacenc;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * JSON console logs ({@code logging.structured.format.console=ecs}): the lines of a job's work
 * carry the session, the job and the instance as fields of their own.
 */
@ExtendWith(OutputCaptureExtension.class)
class StructuredLogsTest {

  @TempDir Path root;
  private final EmpowerIdStub empowerId = new EmpowerIdStub();

  @AfterEach
  void stop() {
    empowerId.close();
  }

  @Test
  void theLinesOfAJobsWorkCarryItsSessionJobAndInstance(CapturedOutput output) throws Exception {
    Path recordings = Files.createDirectories(root.resolve("recordings"));
    TestRecordings.copy("ssh-1-1024x768", recordings.resolve("json-logs-1.guac"));
    empowerId.sessions(Map.of("json-logs-1", "Recorded"));
    Path guacenc = StandInGuacenc.install(StandInGuacenc.WORKING, root.resolve("bin"));

    // Logging set up by an earlier context in this JVM (a cached test context) is kept as it is
    // unless cleaned up first; this context then sets it up with the JSON format, and its close
    // cleans it up again for the next.
    org.springframework.boot.logging.LoggingSystem.get(getClass().getClassLoader()).cleanUp();
    try (var context =
        new SpringApplicationBuilder(EncoderApplication.class)
            .run(
                "--spring.main.web-application-type=none",
                "--logging.structured.format.console=ecs",
                "--encoder.instance-id=enc-json",
                "--encoder.recordings-dir=" + recordings,
                "--encoder.output-dir=" + root.resolve("output"),
                "--encoder.data-dir=" + root.resolve("data"),
                "--encoder.converter=" + EncoderTestSetup.CONVERTER,
                "--encoder.guacenc.path=" + guacenc,
                "--encoder.guacenc.preset=ultrafast",
                "--encoder.scheduling.enabled=false",
                "--encoder.scan.stable-check=0s",
                "--empowerid.base-url=" + empowerId.baseUrl(),
                "--empowerid.api-key=k",
                "--empowerid.client-id=c",
                "--empowerid.client-secret=s")) {
      assertThat(context.getBean(ScanJob.class).runOnce().queued()).isEqualTo(1);
      assertThat(context.getBean(PacedRuns.class).runOnce().claimed()).isEqualTo(1);
    }

    JsonMapper json = JsonMapper.builder().build();
    List<JsonNode> lines =
        output.getOut().lines().filter(line -> line.startsWith("{")).map(json::readTree).toList();
    JsonNode converted =
        lines.stream()
            .filter(l -> l.path("message").asString().startsWith("Recording converted."))
            .findFirst()
            .orElseThrow(() -> new AssertionError("no JSON line of the conversion:\n" + output));
    assertThat(converted.path("session").asString()).isEqualTo("json-logs-1");
    assertThat(converted.path("job").asString()).isEqualTo("encoder_job");
    assertThat(converted.path("instance").asString()).isEqualTo("enc-json");
    assertThat(converted.path("log").path("level").asString()).isEqualTo("INFO");
  }
}
