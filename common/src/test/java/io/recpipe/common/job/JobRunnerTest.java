package io.recpipe.common.job;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.zaxxer.hikari.HikariDataSource;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.recpipe.common.empowerid.EmpowerIdProperties;
import io.recpipe.common.empowerid.HttpEmpowerIdClient;
import io.recpipe.common.empowerid.RecordingStep;
import io.recpipe.common.empowerid.Sleeper;
import io.recpipe.common.session.SessionId;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.client.RestClient;

/**
 * The shared run loop on a real (H2) job store and an EmpowerID played by WireMock over HTTP: what
 * uses an attempt and what only waits, takeovers, a recording that keeps killing the process, and
 * shutdown. The work is the test's own: it is the part each service supplies.
 */
class JobRunnerTest {

  @RegisterExtension
  static WireMockExtension wm =
      WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  private static final SessionId A = SessionId.of("a");
  private static final Duration OWNER_TIMEOUT = Duration.ofMinutes(15);

  private HikariDataSource dataSource;
  private JdbcJobStore jobs;
  private JobRunner runner;
  private final TestWork work = new TestWork();

  @BeforeEach
  void setUp() {
    dataSource = TestDatabases.h2("runner_" + System.nanoTime());
    String table = TestDatabases.uniqueTable();
    TestDatabases.createTable(JdbcClient.create(dataSource), table);
    jobs = new JdbcJobStore(dataSource, table);
    wm.stubFor(
        post(urlEqualTo("/oauth/v2/token"))
            .willReturn(okJson("{\"access_token\":\"t\",\"expires_in\":3600}")));
    accept();
    runner = runner(Duration.ofMillis(200));
  }

  @AfterEach
  void tearDown() {
    runner.stop(Duration.ofSeconds(5));
    dataSource.close();
  }

  private JobRunner runner(Duration heartbeat) {
    Clock clock = Clock.systemUTC();
    var empowerId =
        new HttpEmpowerIdClient(
            properties(),
            "me",
            RestClient.builder(),
            clock,
            Sleeper.SYSTEM,
            new SimpleMeterRegistry());
    var pending =
        new PendingStatuses(jobs, empowerId, RecordingStep.PROCESSED, job -> {}, "me", clock);
    var settings =
        new RunSettings(
            5,
            10,
            3,
            Duration.ofMinutes(10),
            Duration.ofHours(1),
            Duration.ofSeconds(15),
            Duration.ofMinutes(1),
            Duration.ofSeconds(3),
            heartbeat,
            OWNER_TIMEOUT);
    return new JobRunner(
        jobs,
        empowerId,
        pending,
        work,
        settings,
        "me",
        Executors.newFixedThreadPool(2),
        new LeaseKeeper(jobs, Executors.newSingleThreadScheduledExecutor(), clock),
        new Heartbeats(empowerId, heartbeat, "test-heartbeat"),
        clock);
  }

  private static EmpowerIdProperties properties() {
    Map<String, String> values =
        Map.of(
            "empowerid.base-url", wm.baseUrl(),
            "empowerid.allow-insecure-http", "true",
            "empowerid.api-key", "key",
            "empowerid.client-id", "id",
            "empowerid.client-secret", "secret",
            "empowerid.retry.max-attempts", "1");
    return new Binder(new MapConfigurationPropertySource(values))
        .bind("empowerid", EmpowerIdProperties.class)
        .get();
  }

  private static void accept() {
    answer(204);
  }

  private static void answer(int status) {
    wm.stubFor(
        put(urlPathMatching("/api/services/v1/secureaccessgateway/sessions/.*/recording-status"))
            .willReturn(aResponse().withStatus(status)));
  }

  private static List<String> sent() {
    return wm
        .findAll(
            putRequestedFor(
                urlEqualTo("/api/services/v1/secureaccessgateway/sessions/a/recording-status")))
        .stream()
        .map(r -> r.getBodyAsString())
        .toList();
  }

  private Job job() {
    return jobs.find(A).orElseThrow();
  }

  @Test
  void doneWorkCompletesTheJobAndTellsEmpowerId() throws Exception {
    jobs.enqueue(A, null, Instant.now());
    assertThat(runner.runOnce().outcomes()).containsEntry(Outcome.DONE, 1);
    assertThat(job().state()).isEqualTo(JobState.DONE);
    assertThat(job().announcedBy()).isEqualTo("me");
    assertThat(sent()).hasSize(2);
    assertThat(sent().get(0)).contains("\"Processing\"", "\"me\"", "attempt 1 of 3");
    assertThat(sent().get(1)).contains("\"Processed\"");
  }

  @Test
  void eachAttemptAndEachWordSentToEmpowerIdIsInTheHistory() throws Exception {
    jobs.enqueue(A, null, Instant.now());
    work.result = new WorkResult.Retry("ffmpeg broke");
    runner.runOnce();
    dueNow();
    work.result = new WorkResult.Done(RecordingStep.PROCESSED);
    runner.runOnce();

    List<JobEvent> events = jobs.events().of(A);
    assertThat(events)
        .extracting(e -> e.kind() + " " + (e.word() != null ? e.word() + " " + e.answer() : e.to()))
        .containsExactly(
            "QUEUED QUEUED",
            "CLAIMED RUNNING",
            "STATUS PROCESSING APPLIED",
            "SETTLED RETRY_WAIT",
            "CLAIMED RUNNING",
            "STATUS PROCESSING APPLIED",
            "SETTLED DONE",
            "STATUS PROCESSED APPLIED");
    assertThat(events).allSatisfy(e -> assertThat(e.instance()).isIn("me", null));
    assertThat(events.get(3).message()).isEqualTo("ffmpeg broke");
    assertThat(events.get(5).message()).isEqualTo("attempt 2 of 3");
  }

  @Test
  void aWordEmpowerIdRefusedIsInTheHistoryWithItsAnswer() throws Exception {
    jobs.enqueue(A, null, Instant.now());
    answer(503);
    runner.runOnce();
    assertThat(jobs.events().of(A))
        .filteredOn(e -> e.kind() == JobEvent.Kind.STATUS)
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.answer()).isEqualTo("ERROR");
              assertThat(e.word()).isEqualTo("PROCESSING");
            });
  }

  @Test
  void aPausedRunnerClaimsNothingUntilResumed() throws Exception {
    jobs.enqueue(A, null, Instant.now());
    runner.pause();
    assertThat(runner.isPaused()).isTrue();
    assertThat(runner.runOnce().skipped()).isTrue();
    assertThat(job().state()).isEqualTo(JobState.QUEUED);
    assertThat(work.runs.get()).isZero();
    runner.resume();
    assertThat(runner.runOnce().outcomes()).containsEntry(Outcome.DONE, 1);
  }

  @Test
  void anEmpowerIdOutageMakesTheJobWaitWithoutUsingAnAttempt() throws Exception {
    jobs.enqueue(A, null, Instant.now());
    answer(503);
    assertThat(runner.runOnce().outcomes()).containsEntry(Outcome.WAITING, 1);
    assertThat(job().state()).isEqualTo(JobState.WAITING);
    assertThat(job().waitReason()).isEqualTo(WaitReason.EMPOWERID_UNAVAILABLE);
    assertThat(job().attempts()).isZero();
    assertThat(work.runs.get()).isZero();
  }

  @Test
  void refusedCredentialsAndRateLimitsWaitToo() throws Exception {
    jobs.enqueue(A, null, Instant.now());
    answer(403);
    runner.runOnce();
    assertThat(job().waitReason()).isEqualTo(WaitReason.EMPOWERID_REFUSED);
    assertThat(job().attempts()).isZero();
    dueNow();
    answer(429);
    runner.runOnce();
    assertThat(job().waitReason()).isEqualTo(WaitReason.EMPOWERID_RATE_LIMITED);
    assertThat(job().attempts()).isZero();
    assertThat(job().waits()).isEqualTo(2);
  }

  @Test
  void aConflictOnASessionNeverWorkedOnHereIsDropped() throws Exception {
    jobs.enqueue(A, null, Instant.now());
    answer(409);
    assertThat(runner.runOnce().outcomes()).containsEntry(Outcome.DROPPED, 1);
    assertThat(job().state()).isEqualTo(JobState.DONE);
  }

  @Test
  void aConflictOnASessionThisServiceWorkedOnWaitsPastTheOwnerTimeout() throws Exception {
    jobs.enqueue(A, null, Instant.now());
    work.result = new WorkResult.Retry("ffmpeg broke");
    runner.runOnce();
    assertThat(job().state()).isEqualTo(JobState.RETRY_WAIT);
    assertThat(job().announcedBy()).isEqualTo("me");
    dueNow();
    answer(409); // another replica took the session over meanwhile
    Instant before = Instant.now();
    assertThat(runner.runOnce().outcomes()).containsEntry(Outcome.WAITING, 1);
    assertThat(job().state()).isEqualTo(JobState.WAITING);
    assertThat(job().waitReason()).isEqualTo(WaitReason.OWNER_CONFLICT);
    assertThat(job().attempts()).as("the takeover used no attempt").isEqualTo(1);
    assertThat(job().nextAttemptAt()).isAfter(before.plus(OWNER_TIMEOUT));
  }

  @Test
  void aRecordingWhoseRunsKeepDyingFailsAtTheLimitWithoutRunningAgain() throws Exception {
    jobs.enqueue(A, null, Instant.now());
    Instant past = Instant.now().minusSeconds(60);
    for (int i = 0; i < 3; i++) {
      // A claim whose process dies (never settles), its lease running out.
      assertThat(jobs.claim("dead", 5, 10, Duration.ofSeconds(1), past.plusSeconds(10 * i)))
          .hasSize(1);
    }
    assertThat(job().attempts()).isEqualTo(3);
    assertThat(runner.runOnce().outcomes()).containsEntry(Outcome.FAILED, 1);
    assertThat(work.runs.get()).as("not run a fourth time").isZero();
    assertThat(job().state()).isEqualTo(JobState.FAILED);
    assertThat(job().attempts())
        .as("the claim that found it at the limit ran nothing")
        .isEqualTo(3);
    assertThat(job().lastError()).contains("during each of its 3 attempts");
    assertThat(sent()).last().asString().contains("ProcessingFailed");
  }

  @Test
  void aJobWhoseOwnerDiedRunsAloneSoACrashItCausesCostsNoOtherJobAnAttempt() throws Exception {
    SessionId b = SessionId.of("b");
    jobs.enqueue(A, null, Instant.now().minusSeconds(120));
    jobs.enqueue(b, null, Instant.now().minusSeconds(60));
    jobs.claim(
        "dead", 0, 1, Duration.ofSeconds(1), Instant.now().minusSeconds(60)); // A's owner died
    var first = runner.runOnce();
    assertThat(first.claimed()).as("the suspect alone").isEqualTo(1);
    assertThat(job().state()).isEqualTo(JobState.DONE);
    assertThat(jobs.find(b).orElseThrow().state())
        .as("not claimed with it")
        .isEqualTo(JobState.QUEUED);
    assertThat(runner.runOnce().claimed()).isEqualTo(1);
    assertThat(jobs.find(b).orElseThrow().attempts()).isEqualTo(1);
  }

  @Test
  void longWorkSendsHeartbeatsWithItsProgress() throws Exception {
    jobs.enqueue(A, null, Instant.now());
    work.block = new CountDownLatch(1);
    var run = Executors.newSingleThreadExecutor().submit(() -> runner.runOnce());
    await().atMost(Duration.ofSeconds(20)).until(() -> sent().size() >= 3);
    work.block.countDown();
    assertThat(run.get(20, TimeUnit.SECONDS).outcomes()).containsEntry(Outcome.DONE, 1);
    assertThat(sent().get(1)).contains("\"Processing\"", "half way");
    assertThat(jobs.events().of(A))
        .filteredOn(e -> "half way".equals(e.message()))
        .as("heartbeats are in the history")
        .isNotEmpty()
        .allSatisfy(e -> assertThat(e.answer()).isEqualTo("APPLIED"));
  }

  @Test
  void aHeartbeatConflictStopsTheWorkAndTheJobWaitsForTheNewOwner() throws Exception {
    jobs.enqueue(A, null, Instant.now());
    work.block = new CountDownLatch(1);
    var run = Executors.newSingleThreadExecutor().submit(() -> runner.runOnce());
    await().atMost(Duration.ofSeconds(20)).until(() -> work.runs.get() == 1);
    answer(409);
    assertThat(run.get(20, TimeUnit.SECONDS).outcomes()).containsEntry(Outcome.WAITING, 1);
    assertThat(work.interrupted.get()).isEqualTo(1);
    assertThat(job().waitReason()).isEqualTo(WaitReason.OWNER_CONFLICT);
    assertThat(job().attempts()).isZero();
  }

  @Test
  void shutdownStopsWorkAfterTheGracePeriodAndPutsItBackWithoutAnAttempt() throws Exception {
    jobs.enqueue(A, null, Instant.now());
    work.block = new CountDownLatch(1);
    var run = Executors.newSingleThreadExecutor().submit(() -> runner.runOnce());
    await().atMost(Duration.ofSeconds(20)).until(() -> work.runs.get() == 1);
    runner.stop(Duration.ofMillis(300));
    assertThat(run.get(20, TimeUnit.SECONDS).outcomes()).containsEntry(Outcome.WAITING, 1);
    assertThat(work.interrupted.get()).isEqualTo(1);
    assertThat(job().state()).isEqualTo(JobState.WAITING);
    assertThat(job().waitReason()).isEqualTo(WaitReason.SHUTDOWN);
    assertThat(job().attempts()).isZero();
    assertThat(job().nextAttemptAt()).isBeforeOrEqualTo(Instant.now());
    assertThat(runner.runOnce().skipped()).as("a stopped runner claims nothing").isTrue();
  }

  @Test
  void startUpTakesBackThisInstancesOwnJobsAtOnce() throws Exception {
    jobs.enqueue(A, null, Instant.now());
    jobs.claim("me", 5, 10, Duration.ofMinutes(1), Instant.now()); // then "me" died
    runner.startUp();
    assertThat(runner.runOnce().outcomes()).containsEntry(Outcome.DONE, 1);
    assertThat(job().attempts()).as("the run that died counts").isEqualTo(2);
  }

  @Test
  void everyLineOfAJobsWorkCarriesItsSessionJobAndInstance() throws Exception {
    var appender = new MdcKeepingAppender();
    var root = (ch.qos.logback.classic.Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME);
    appender.start();
    root.addAppender(appender);
    try {
      jobs.enqueue(A, null, Instant.now());
      work.result = new WorkResult.Retry("broke on purpose");
      Logger workLog = LoggerFactory.getLogger("recpipe.test.work");
      work.during =
          () -> {
            workLog.info("Working.");
            // A thread of the work's own takes the context along.
            Thread helper = new Thread(JobLogContext.carrying(() -> workLog.info("Helping.")));
            helper.start();
            helper.join();
          };

      assertThat(runner.runOnce().outcomes()).containsEntry(Outcome.RETRY, 1);
    } finally {
      root.detachAppender(appender);
    }

    Map<String, String> expected =
        Map.of(
            JobLogContext.SESSION, "a",
            JobLogContext.JOB, jobs.table(),
            JobLogContext.ATTEMPT, "1",
            JobLogContext.INSTANCE, "me");
    for (String line : List.of("Working.", "Helping.", "Attempt failed; will retry")) {
      assertThat(appender.mdcOf(line)).as("MDC of \"%s\"", line).containsAllEntriesOf(expected);
    }
    assertThat(appender.mdcOf("Run done."))
        .as("the run's own thread, outside the job")
        .doesNotContainKey(JobLogContext.SESSION);
  }

  /** Keeps each event with the MDC of the thread that logged it. */
  private static final class MdcKeepingAppender
      extends ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> {
    @Override
    protected void append(ch.qos.logback.classic.spi.ILoggingEvent event) {
      event.prepareForDeferredProcessing();
      super.append(event);
    }

    Map<String, String> mdcOf(String messageStart) {
      return list.stream()
          .filter(e -> e.getFormattedMessage().startsWith(messageStart))
          .findFirst()
          .orElseThrow(() -> new AssertionError("no line starting " + messageStart))
          .getMDCPropertyMap();
    }
  }

  private void dueNow() {
    JdbcClient.create(dataSource)
        .sql("UPDATE %s SET next_attempt_at = ?".formatted(jobs.table()))
        .param(Instant.now().minusSeconds(1).atOffset(java.time.ZoneOffset.UTC))
        .update();
  }

  /** A step of the scripted work. */
  private interface Interruptible {
    void run() throws InterruptedException;
  }

  /** The service's part, scripted: returns {@link #result}, or blocks until released. */
  private static final class TestWork implements JobWork {
    volatile WorkResult result = new WorkResult.Done(RecordingStep.PROCESSED);
    volatile CountDownLatch block;
    volatile Interruptible during;
    final AtomicInteger runs = new AtomicInteger();
    final AtomicInteger interrupted = new AtomicInteger();

    @Override
    public RecordingStep workingStep() {
      return RecordingStep.PROCESSING;
    }

    @Override
    public RecordingStep failedStep() {
      return RecordingStep.PROCESSING_FAILED;
    }

    @Override
    public Optional<WorkResult> prepare(Claim claim) {
      return Optional.empty();
    }

    @Override
    public WorkResult run(Claim claim, JobProgress progress) throws InterruptedException {
      runs.incrementAndGet();
      progress.update("half way");
      if (during != null) {
        during.run();
      }
      if (block != null) {
        try {
          block.await();
        } catch (InterruptedException e) {
          interrupted.incrementAndGet();
          throw e;
        }
      }
      return result;
    }
  }
}
