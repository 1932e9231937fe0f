package io.recpipe.encoder;

import static org.assertj.core.api.Assertions.assertThat;

import io.recpipe.common.job.JdbcJobStore;
import io.recpipe.common.job.Job;
import io.recpipe.common.job.JobRunner;
import io.recpipe.common.job.JobState;
import io.recpipe.common.job.Outcome;
import io.recpipe.common.job.PacedRuns;
import io.recpipe.common.session.SessionId;
import io.recpipe.converter.testing.Ffprobe;
import io.recpipe.converter.testing.TestRecordings;
import io.recpipe.encoder.scan.ScanJob;
import io.recpipe.encoder.scan.ScanResult;
import io.recpipe.encoder.support.EmpowerIdStub;
import io.recpipe.encoder.support.MutableClock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The encoder's Spring context end to end: temp directories, an H2 file database, EmpowerID on
 * WireMock over HTTP through common's HTTP client, real recordings converted by the selected
 * converter (guacenc stand-in + real ffmpeg by default; {@code -Drecpipe.test.converter=native}
 * switches), jobs driven by {@code runOnce()}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
@ExtendWith(OutputCaptureExtension.class)
class EncoderEndToEndTest {

  static final String SSH = "ssh-1-1024x768";
  static final Path ROOT = EncoderTestSetup.tempRoot("encoder-e2e-");
  static final EmpowerIdStub EMPOWERID = new EmpowerIdStub();
  static final MutableClock CLOCK = new MutableClock(Instant.parse("2026-03-01T08:00:00Z"));

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    EncoderTestSetup.register(registry, ROOT, EMPOWERID.baseUrl());
  }

  /** What happens while the scan pauses between its two looks at a file (nothing by default). */
  static final java.util.concurrent.atomic.AtomicReference<Runnable> DURING_PAUSE =
      new java.util.concurrent.atomic.AtomicReference<>(() -> {});

  @TestConfiguration
  static class TestClock {
    @Bean
    @Primary
    Clock testClock() {
      return CLOCK;
    }

    @Bean
    @Primary
    io.recpipe.encoder.recording.Sleeper testSleeper() {
      return duration -> DURING_PAUSE.get().run();
    }
  }

  @Autowired ScanJob scan;
  @Autowired PacedRuns process;
  @Autowired io.recpipe.common.job.Requeue requeue;
  @Autowired JdbcJobStore jobs;
  @Autowired JdbcClient jdbc;
  @Autowired EncoderSettings settings;
  @Autowired org.springframework.context.ApplicationContext context;
  @Autowired io.micrometer.core.instrument.MeterRegistry meters;

  @BeforeEach
  void clean() throws IOException {
    DURING_PAUSE.set(() -> {});
    EMPOWERID.reset();
    jdbc.sql("DELETE FROM encoder_job").update();
    for (Path dir :
        List.of(settings.recordingsDir(), settings.outputDir(), settings.quarantineDir())) {
      EncoderTestSetup.emptyDirectory(dir);
    }
  }

  @AfterAll
  static void stop() {
    EMPOWERID.close();
  }

  private Path recording(String sessionId, String source) {
    return TestRecordings.copy(source, settings.recordingsDir().resolve(sessionId + ".guac"));
  }

  private Job job(String sessionId) {
    return jobs.find(SessionId.of(sessionId)).orElseThrow();
  }

  @Test
  void convertsARecordingAndTellsEmpowerIdProcessingThenProcessed(CapturedOutput output)
      throws Exception {
    String id = "3f2a9c1e-0b7d-4e55-9a01-5c7e2d1f0a11";
    recording(id, SSH);
    EMPOWERID.sessions(Map.of(id, "Recorded"));

    ScanResult scanned = scan.runOnce();
    JobRunner.RunResult processed = process.runOnce();

    assertThat(scanned.queued()).isEqualTo(1);
    assertThat(processed.count(Outcome.DONE)).isEqualTo(1);
    Path mp4 = settings.outputDir().resolve(id + ".mp4");
    Ffprobe.Info info = Ffprobe.probe(mp4);
    assertThat(info.codec()).isEqualTo("h264");
    assertThat(info.frames()).isPositive();
    assertThat(info.seconds()).isBetween(12.5, 14.5);
    assertThat(EMPOWERID.statusesSent(id)).containsExactly("Processing", "Processed");
    Job job = job(id);
    assertThat(job.state()).isEqualTo(JobState.DONE);
    assertThat(job.attempts()).isEqualTo(1);
    assertThat(job.pendingStatus()).isNull();
    assertThat(settings.recordingsDir().resolve(id + ".guac"))
        .as("source removed once the MP4 is stored and EmpowerID has Processed")
        .doesNotExist();
    assertThat(EncoderTestSetup.names(settings.outputDir())).containsExactly(id + ".mp4");
    assertThat(output).contains("Recording converted. session: " + id);

    assertThat(scan.runOnce().queued()).as("nothing left to queue").isZero();
    assertThat(process.runOnce().claimed()).isZero();
  }

  @Test
  void unsafeNamesAreLoggedOnceAndLeftAlone(CapturedOutput output) throws Exception {
    List<String> bad = List.of("..x.guac", "a b.guac", "x;rm.guac", "$(id).guac");
    for (String name : bad) {
      Files.writeString(settings.recordingsDir().resolve(name), "4.sync,1.1,1.0;");
    }
    String good = "good-session-1";
    recording(good, SSH);
    EMPOWERID.sessions(Map.of(good, "Recorded"));

    ScanResult first = scan.runOnce();
    scan.runOnce();

    assertThat(first.unsafeNames()).isEqualTo(4);
    assertThat(first.queued()).isEqualTo(1);
    for (String name : bad) {
      String line =
          "Recording name is not a safe session id; file left alone. name: \"" + name + "\"";
      assertThat(output.getOut().split(java.util.regex.Pattern.quote(line), -1))
          .as("logged once: " + name)
          .hasSize(2);
      assertThat(Files.readString(settings.recordingsDir().resolve(name)))
          .isEqualTo("4.sync,1.1,1.0;");
    }
    assertThat(String.join("\n", EMPOWERID.pollingBodies()))
        .doesNotContain("rm", "$(id)", "a b", "..x");
    assertThat(jobs.countsByState()).containsEntry(JobState.QUEUED, 1L);
  }

  @Test
  void aCutOffRecordingIsConvertedUpToItsLastCompleteInstruction(CapturedOutput output)
      throws Exception {
    String id = "cut-session";
    Path whole = TestRecordings.recording(SSH);
    Path cut = settings.recordingsDir().resolve(id + ".guac");
    try (var in = Files.newInputStream(whole)) {
      Files.write(cut, in.readNBytes((int) Files.size(whole) - 3000));
    }
    EMPOWERID.sessions(Map.of(id, "Recorded"));

    scan.runOnce();
    JobRunner.RunResult result = process.runOnce();

    assertThat(result.count(Outcome.DONE)).isEqualTo(1);
    assertThat(output)
        .contains(
            "Recording was cut short; converted up to its last complete instruction. session: "
                + id);
    assertThat(Ffprobe.probe(settings.outputDir().resolve(id + ".mp4")).codec()).isEqualTo("h264");
    assertThat(EMPOWERID.statusesSent(id)).containsExactly("Processing", "Processed");
    assertThat(job(id).state()).isEqualTo(JobState.DONE);
  }

  @Test
  void aDamagedRecordingIsConvertedWithoutItsDamagedPartsWhichAreLogged(CapturedOutput output)
      throws Exception {
    org.junit.jupiter.api.Assumptions.assumeTrue(
        EncoderTestSetup.CONVERTER.equals("native"), "the native converter salvages");
    String id = "damaged-session";
    byte[] whole = Files.readAllBytes(TestRecordings.recording(SSH));
    int at =
        new String(whole, java.nio.charset.StandardCharsets.ISO_8859_1)
                .indexOf(";4.sync,", whole.length / 2)
            + 1;
    byte[] garbage = new byte[2000];
    new java.util.Random(7).nextBytes(garbage);
    garbage[0] = '!';
    java.io.ByteArrayOutputStream damaged = new java.io.ByteArrayOutputStream();
    damaged.write(whole, 0, at);
    damaged.writeBytes(garbage);
    damaged.write(whole, at, whole.length - at);
    Files.write(settings.recordingsDir().resolve(id + ".guac"), damaged.toByteArray());
    EMPOWERID.sessions(Map.of(id, "Recorded"));

    scan.runOnce();
    JobRunner.RunResult result = process.runOnce();

    assertThat(result.count(Outcome.DONE)).isEqualTo(1);
    assertThat(output)
        .contains(
            "Recording was damaged; converted without its damaged parts. session: "
                + id
                + ", damaged ranges: ["
                + at
                + "-"
                + (at + 2000)
                + "], bytes ignored: 2000");
    assertThat(Ffprobe.probe(settings.outputDir().resolve(id + ".mp4")).seconds())
        .isBetween(12.5, 14.5);
    assertThat(EMPOWERID.statusesSent(id)).containsExactly("Processing", "Processed");
    assertThat(EMPOWERID.statusBodies(id).get(1))
        .as("the Processed status names the damaged range")
        .contains("damaged bytes skipped: " + at + "-" + (at + 2000))
        .contains("2000 bytes not converted");
    assertThat(job(id).resultDetail()).startsWith("Converted in part: damaged bytes skipped: ");
  }

  @Test
  void anEmptyRecordingIsGivenUpOnAndQuarantinedWithItsReason(CapturedOutput output)
      throws Exception {
    String id = "empty-session";
    Files.createFile(settings.recordingsDir().resolve(id + ".guac"));
    EMPOWERID.sessions(Map.of(id, "Recorded"));

    scan.runOnce();
    JobRunner.RunResult result = process.runOnce();

    assertThat(result.count(Outcome.FAILED)).isEqualTo(1);
    assertThat(output).contains("Recording given up on. session: " + id);
    assertThat(job(id).state()).isEqualTo(JobState.FAILED);
    assertThat(job(id).pendingStatus()).isNull();
    assertThat(EMPOWERID.statusesSent(id)).containsExactly("Processing", "ProcessingFailed");
    assertThat(settings.recordingsDir().resolve(id + ".guac")).doesNotExist();
    assertThat(settings.quarantineDir().resolve(id + ".guac")).exists().isEmptyFile();
    assertThat(Files.readString(settings.quarantineDir().resolve(id + ".reason.txt")))
        .contains("session: " + id)
        .contains("attempts: 1")
        .contains("reason: " + job(id).lastError());
    assertThat(EncoderTestSetup.names(settings.outputDir())).isEmpty();
  }

  @Test
  void aRequeuedFailedJobGetsItsRecordingBackFromQuarantineAndAFullSetOfAttempts()
      throws Exception {
    String id = "requeued-session";
    Files.createFile(settings.recordingsDir().resolve(id + ".guac"));
    EMPOWERID.sessions(Map.of(id, "Recorded"));
    scan.runOnce();
    assertThat(process.runOnce().count(Outcome.FAILED)).isEqualTo(1);
    // The operator replaces the quarantined recording with a good copy, then requeues it.
    Files.delete(settings.quarantineDir().resolve(id + ".guac"));
    TestRecordings.copy(SSH, settings.quarantineDir().resolve(id + ".guac"));
    var printed = new java.io.ByteArrayOutputStream();

    int exit =
        requeue.run(
            List.of(id, "no-such-session", "../bad"), new java.io.PrintStream(printed, true));

    assertThat(exit).as("not every session could be requeued").isEqualTo(1);
    assertThat(printed.toString())
        .contains(id + ": requeued")
        .contains("no-such-session: not requeued, no job for this session")
        .contains("not a session id");
    assertThat(job(id).state()).isEqualTo(JobState.QUEUED);
    assertThat(job(id).attempts()).isZero();
    assertThat(settings.recordingsDir().resolve(id + ".guac")).exists();
    assertThat(settings.quarantineDir().resolve(id + ".reason.txt")).doesNotExist();
    assertThat(process.runOnce().count(Outcome.DONE)).isEqualTo(1);
    assertThat(EMPOWERID.statusesSent(id))
        .containsExactly("Processing", "ProcessingFailed", "Processing", "Processed");
    assertThat(requeue.run(List.of(id), new java.io.PrintStream(printed, true)))
        .as("only a failed job can be requeued")
        .isEqualTo(1);
  }

  @Test
  void anEmpowerIdOutageOpensTheCircuitSkipsRunsLosesNothingAndRecovers(CapturedOutput output)
      throws Exception {
    String id = "outage-session";
    Path source = recording(id, SSH);
    EMPOWERID.sessions(Map.of(id, "Recorded"));
    EMPOWERID.outage(503);

    for (int i = 0; i < 3; i++) {
      scan.runOnce();
    }
    ScanResult skipped = scan.runOnce();
    JobRunner.RunResult processSkipped = process.runOnce();

    assertThat(skipped.skipped()).isTrue();
    assertThat(processSkipped.skipped()).isTrue();
    assertThat(output)
        .contains("Scan stopped: polling EmpowerID failed.")
        .contains("Scan skipped: EmpowerID is unavailable (circuit open).")
        .contains("Run skipped: EmpowerID is unavailable (circuit open). jobs: encoder_job");
    assertThat(source).exists();
    assertThat(jobs.find(SessionId.of(id))).isEmpty();

    EMPOWERID.recover();
    EMPOWERID.sessions(Map.of(id, "Recorded"));
    CLOCK.advance(Duration.ofMinutes(5));

    assertThat(scan.runOnce().queued()).isEqualTo(1);
    assertThat(process.runOnce().count(Outcome.DONE)).isEqualTo(1);
    assertThat(EMPOWERID.statusesSent(id)).containsExactly("Processing", "Processed");
    assertThat(settings.outputDir().resolve(id + ".mp4")).exists();
    assertThat(source).doesNotExist();
  }

  @Test
  void aStatusUpdateOutageGivesTheJobBackWithoutUsingAnAttempt(CapturedOutput output)
      throws Exception {
    String id = "update-outage";
    Path source = recording(id, SSH);
    EMPOWERID.sessions(Map.of(id, "Recorded"));
    scan.runOnce();
    EMPOWERID.statusAnswer(id, "Processing", 503);

    JobRunner.RunResult first = process.runOnce();

    assertThat(first.count(Outcome.WAITING)).isEqualTo(1);
    assertThat(output)
        .contains(
            "Job waits without using an attempt. session: "
                + id
                + ", reason: EMPOWERID_UNAVAILABLE");
    assertThat(job(id).state()).isEqualTo(JobState.WAITING);
    assertThat(job(id).waitReason())
        .isEqualTo(io.recpipe.common.job.WaitReason.EMPOWERID_UNAVAILABLE);
    assertThat(job(id).attempts()).isZero();
    assertThat(source).exists();
    assertThat(EncoderTestSetup.names(settings.outputDir())).isEmpty();

    EMPOWERID.recover();
    assertThat(process.runOnce().claimed()).as("not due yet").isZero();
    CLOCK.advance(Duration.ofSeconds(16));
    JobRunner.RunResult second = process.runOnce();

    assertThat(second.count(Outcome.DONE)).isEqualTo(1);
    assertThat(job(id).attempts()).isEqualTo(1);
    assertThat(EMPOWERID.statusesSent(id)).containsExactly("Processing", "Processing", "Processed");
  }

  @Test
  void aFailedProcessedUpdateIsSentAgainNextRunBeforeTheSourceIsRemoved(CapturedOutput output)
      throws Exception {
    String id = "late-status";
    Path source = recording(id, SSH);
    EMPOWERID.sessions(Map.of(id, "Recorded"));
    EMPOWERID.statusAnswer(id, "Processed", 500);

    scan.runOnce();
    process.runOnce();

    Job afterFirst = job(id);
    assertThat(afterFirst.state()).isEqualTo(JobState.DONE);
    assertThat(afterFirst.pendingStatus()).isEqualTo("PROCESSED");
    assertThat(source).as("kept until EmpowerID has Processed").exists();
    assertThat(settings.outputDir().resolve(id + ".mp4")).exists();
    assertThat(output).contains("Status update failed; will send again next run. session: " + id);

    EMPOWERID.recover();
    JobRunner.RunResult second = process.runOnce();

    assertThat(second.statusesSettled()).isEqualTo(1);
    assertThat(job(id).pendingStatus()).isNull();
    assertThat(source).doesNotExist();
    assertThat(EMPOWERID.statusesSent(id))
        .as("the failed Processed, then the one re-sent")
        .containsExactly("Processing", "Processed", "Processed");
  }

  @Test
  void aSessionOwnedElsewhereIsDroppedAndAnUnknownOneFailsWithoutLosingTheFile(
      CapturedOutput output) throws Exception {
    Path owned = recording("owned-elsewhere", SSH);
    Path unknown = recording("unknown-session", SSH);
    EMPOWERID.sessions(Map.of("owned-elsewhere", "Recorded", "unknown-session", "Recorded"));
    EMPOWERID.statusAnswer("owned-elsewhere", "Processing", 409);
    EMPOWERID.statusAnswer("unknown-session", "Processing", 404);

    scan.runOnce();
    JobRunner.RunResult result = process.runOnce();

    assertThat(result.count(Outcome.DROPPED)).isEqualTo(1);
    assertThat(result.count(Outcome.FAILED)).isEqualTo(1);
    assertThat(output)
        .contains(
            "Job dropped. session: owned-elsewhere, reason: Owned by another process instance"
                + " (409); never worked on here");
    assertThat(job("owned-elsewhere").state()).isEqualTo(JobState.DONE);
    assertThat(owned).as("another instance converts it").exists();
    assertThat(job("unknown-session").state()).isEqualTo(JobState.FAILED);
    assertThat(EMPOWERID.statusesSent("unknown-session")).containsExactly("Processing");
    assertThat(unknown).doesNotExist();
    assertThat(settings.quarantineDir().resolve("unknown-session.guac")).exists();
    assertThat(EncoderTestSetup.names(settings.outputDir())).isEmpty();
  }

  @Test
  void aFailingConversionIsRetriedWithGrowingDelaysThenGivenUpOn(CapturedOutput output)
      throws Exception {
    // The stand-in guacenc answers ssh-1's 13.6 s video for this 61.8 s session: the length
    // check fails, a failure that may not repeat, so it is retried.
    org.junit.jupiter.api.Assumptions.assumeTrue(
        EncoderTestSetup.CONVERTER.equals("guacenc"), "needs the guacenc stand-in's failure");
    String id = "d0c1e2f3-0000-4000-8000-000000000001";
    Path source = recording(id, "vnc-2-long-1024x768");
    EMPOWERID.sessions(Map.of(id, "Recorded"));
    scan.runOnce();

    assertThat(process.runOnce().count(Outcome.RETRY)).isEqualTo(1);
    Job afterFirst = job(id);
    assertThat(afterFirst.state()).isEqualTo(JobState.RETRY_WAIT);
    assertThat(afterFirst.nextAttemptAt()).isEqualTo(CLOCK.instant().plus(Duration.ofMinutes(10)));
    assertThat(output).contains("Attempt failed; will retry. session: " + id + ", attempt: 1 of 3");
    assertThat(process.runOnce().claimed()).as("not due yet").isZero();

    CLOCK.advance(Duration.ofMinutes(10));
    assertThat(process.runOnce().count(Outcome.RETRY)).isEqualTo(1);
    assertThat(job(id).nextAttemptAt()).isEqualTo(CLOCK.instant().plus(Duration.ofMinutes(20)));

    CLOCK.advance(Duration.ofMinutes(20));
    assertThat(process.runOnce().count(Outcome.FAILED)).isEqualTo(1);

    Job last = job(id);
    assertThat(last.state()).isEqualTo(JobState.FAILED);
    assertThat(last.attempts()).isEqualTo(3);
    assertThat(last.lastError()).contains("length does not match");
    assertThat(output).contains("Recording given up on. session: " + id + ", attempts: 3");
    assertThat(EMPOWERID.statusesSent(id))
        .containsExactly("Processing", "Processing", "Processing", "ProcessingFailed");
    assertThat(source).doesNotExist();
    assertThat(settings.quarantineDir().resolve(id + ".guac"))
        .hasSameBinaryContentAs(TestRecordings.recording("vnc-2-long-1024x768"));
    assertThat(Files.readString(settings.quarantineDir().resolve(id + ".reason.txt")))
        .contains("attempts: 3")
        .contains("length does not match");
    assertThat(EncoderTestSetup.names(settings.outputDir())).isEmpty();
  }

  @Test
  void healthIndicatorsAndMetricsReportTheWork() throws Exception {
    String id = "metrics-session";
    recording(id, SSH);
    EMPOWERID.sessions(Map.of(id, "Recorded"));
    scan.runOnce();
    process.runOnce();

    for (String name :
        List.of(
            "directoriesHealthIndicator",
            "outputDiskHealthIndicator",
            "converterToolsHealthIndicator")) {
      var health =
          context
              .getBean(name, org.springframework.boot.health.contributor.HealthIndicator.class)
              .health();
      assertThat(health.getStatus())
          .as(name + " " + health.getDetails())
          .isEqualTo(org.springframework.boot.health.contributor.Status.UP);
    }
    assertThat(meters.get("recpipe.encoder.conversions").tag("outcome", "ok").timer().count())
        .isPositive();
    CLOCK.advance(Duration.ofMinutes(1));
    assertThat(meters.get("recpipe.encoder.jobs").tag("state", "DONE").gauge().value())
        .isEqualTo(1.0);
    assertThat(meters.get("recpipe.encoder.jobs").tag("state", "QUEUED").gauge().value()).isZero();
  }

  @Test
  void theToolsCheckGoesDownWhenGuacencIsMissing() {
    var indicator =
        new io.recpipe.encoder.ops.ConverterToolsHealthIndicator(
            Map.of("ffmpeg", "ffmpeg", "guacenc", "/nonexistent/guacenc"));
    var health = indicator.health();
    assertThat(health.getStatus())
        .isEqualTo(org.springframework.boot.health.contributor.Status.DOWN);
    assertThat(health.getDetails().get("guacenc").toString()).contains("NOT FOUND");
  }

  @Test
  void recordingsStillBeingWrittenWaitForTheNextScan() throws Exception {
    Path growing = recording("growing-session", SSH);
    Path locked = recording("locked-session", SSH);
    EMPOWERID.sessions(Map.of("growing-session", "Recorded", "locked-session", "Recorded"));
    DURING_PAUSE.set(
        () -> {
          try {
            Files.writeString(
                growing, "4.sync,8.99999999,1.0;", java.nio.file.StandardOpenOption.APPEND);
          } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
          }
        });

    ScanResult whileWritten;
    try (var channel =
            java.nio.channels.FileChannel.open(locked, java.nio.file.StandardOpenOption.WRITE);
        var lock = channel.lock()) {
      whileWritten = scan.runOnce();
    }
    DURING_PAUSE.set(() -> {});
    ScanResult after = scan.runOnce();

    assertThat(whileWritten.busy()).isEqualTo(2);
    assertThat(whileWritten.polled()).isZero();
    assertThat(whileWritten.queued()).isZero();
    assertThat(after.queued()).isEqualTo(2);
  }

  @Test
  void sessionsNotRecordedOrStillActiveAreNotQueued() throws Exception {
    recording("still-recording", SSH);
    recording("processed-already", SSH);
    EMPOWERID.sessions(Map.of("processed-already", "Processed"));

    ScanResult result = scan.runOnce();

    assertThat(result.polled()).isEqualTo(2);
    assertThat(result.notReady()).isEqualTo(2);
    assertThat(result.queued()).isZero();
  }
}
