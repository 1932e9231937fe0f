package io.recpipe.common.job;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import io.recpipe.common.empowerid.EmpowerIdClient;
import io.recpipe.common.empowerid.EmpowerIdException;
import io.recpipe.common.empowerid.RecordingStep;
import io.recpipe.common.empowerid.SessionInfo;
import io.recpipe.common.empowerid.StatusUpdate;
import io.recpipe.common.session.SessionId;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The re-send of pending statuses on a real (H2) job store, with the service's hooks recorded. */
class PendingStatusesTest {

  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  private static final SessionId A = SessionId.of("a");

  private final RecordingEmpowerId empowerId = new RecordingEmpowerId();
  private final List<String> hooks = new ArrayList<>();
  private HikariDataSource dataSource;
  private JdbcJobStore jobs;
  private PendingStatuses pending;

  @BeforeEach
  void setUp() {
    dataSource = TestDatabases.h2("pending_" + System.nanoTime());
    String table = TestDatabases.uniqueTable();
    TestDatabases.createTable(JdbcClient.create(dataSource), table);
    jobs = new JdbcJobStore(dataSource, table);
    var settlement =
        new PendingStatuses.Settlement() {
          @Override
          public void beforeSend(Job job) {
            hooks.add("before " + job.sessionId().value() + " " + job.state());
          }

          @Override
          public void acknowledged(Job job) {
            hooks.add("acknowledged " + job.sessionId().value());
          }
        };
    pending =
        new PendingStatuses(
            jobs,
            empowerId,
            RecordingStep.UPLOADED,
            settlement,
            "me",
            Clock.fixed(T0, ZoneOffset.UTC));
  }

  @AfterEach
  void tearDown() {
    dataSource.close();
  }

  @Test
  void sendsTheSuccessStepClearsItAndThenCallsTheServiceBack() {
    Job done = completed(RecordingStep.UPLOADED);

    assertThat(pending.settle(done)).isTrue();

    assertThat(empowerId.sent).containsExactly("a UPLOADED attempt 1");
    assertThat(hooks).containsExactly("before a DONE", "acknowledged a");
    assertThat(jobs.find(A).orElseThrow().pendingStatus()).isNull();
    assertThat(pending.resendAll()).as("nothing left").isZero();
  }

  @Test
  void aSuccessCarriesWhatTheWorkSaidOfItsResultEvenWhenSentByALaterRun() {
    jobs.enqueue(A, null, T0);
    jobs.claim("me", 5, 10, Duration.ofHours(1), T0);
    jobs.complete(A, "me", "PROCESSED", "Converted in part: damaged bytes skipped: 10-20", T0);
    empowerId.failing = true;
    assertThat(pending.resendAll()).isZero();
    empowerId.failing = false;

    assertThat(pending.resendAll()).isEqualTo(1);

    assertThat(empowerId.sent)
        .containsExactly("a PROCESSED Converted in part: damaged bytes skipped: 10-20; attempt 1");
  }

  @Test
  void aFailedSendStaysPendingAndTheNextRunSettlesIt() {
    completed(RecordingStep.UPLOADED);
    empowerId.failing = true;

    assertThat(pending.resendAll()).isZero();
    assertThat(jobs.find(A).orElseThrow().pendingStatus()).isEqualTo("UPLOADED");
    assertThat(hooks).doesNotContain("acknowledged a");

    empowerId.failing = false;
    assertThat(pending.resendAll()).isOne();
    assertThat(jobs.find(A).orElseThrow().pendingStatus()).isNull();
    assertThat(hooks).endsWith("acknowledged a");
  }

  @Test
  void aStatusRefusedForAnotherOwnerStaysPendingAndTheLocalFileIsLeftAlone() {
    Job done = completed(RecordingStep.UPLOADED);
    empowerId.answer = StatusUpdate.OWNED_ELSEWHERE;

    assertThat(pending.settle(done)).isFalse();

    assertThat(jobs.find(A).orElseThrow().pendingStatus())
        .as("sent again later: EmpowerID must not be left at the working step")
        .isEqualTo("UPLOADED");
    assertThat(hooks).containsExactly("before a DONE");
  }

  @Test
  void aStatusUnknownToEmpowerIdIsClearedAndTheLocalFileIsLeftAlone() {
    Job done = completed(RecordingStep.UPLOADED);
    empowerId.answer = StatusUpdate.UNKNOWN_SESSION;

    assertThat(pending.settle(done)).isTrue();

    assertThat(jobs.find(A).orElseThrow().pendingStatus()).isNull();
    assertThat(hooks).containsExactly("before a DONE");
  }

  @Test
  void aResendIsDroppedWhenEmpowerIdIsAlreadyPastItSoItNeverStepsBack() {
    completed(RecordingStep.PROCESSED);
    empowerId.where = RecordingStep.UPLOADED; // another replica finished it and it moved on

    assertThat(pending.resendAll()).isOne();

    assertThat(empowerId.sent).as("nothing sent").isEmpty();
    assertThat(jobs.find(A).orElseThrow().pendingStatus()).isNull();
  }

  @Test
  void anotherStepIsSentWithoutTheCallBack() {
    Job done = completed(RecordingStep.PROCESSED);

    assertThat(pending.settle(done)).isTrue();

    assertThat(empowerId.sent).containsExactly("a PROCESSED attempt 1");
    assertThat(hooks).containsExactly("before a DONE");
  }

  @Test
  void aFailureCarriesItsAbbreviatedErrorAndRunsTheFirstHookBeforeTheSend() {
    jobs.enqueue(A, null, T0);
    jobs.claim("me", 5, 10, Duration.ofHours(1), T0);
    String error = "x".repeat(300);
    Job failed = jobs.failPermanently(A, "me", error, "UPLOAD_FAILED", T0).orElseThrow();

    assertThat(pending.settle(failed)).isTrue();

    assertThat(hooks).containsExactly("before a FAILED");
    assertThat(empowerId.sent).containsExactly("a UPLOAD_FAILED " + "x".repeat(199) + "…");
  }

  @Test
  void aStatusTakenByOneInstanceIsNotSentByAnotherThatReadsItBeforeItIsCleared() {
    // Instance A took the status and is sending it; B reads the job now (its version is the one A's
    // take wrote) and must not send it too. TwoEncodersOnPostgresTest saw "Processed" twice.
    Job done = completed(RecordingStep.UPLOADED);
    assertThat(jobs.takePendingStatus(done, PendingStatuses.SEND_LEASE, T0)).isTrue();
    Job readByB = jobs.withPendingStatus(10).get(0);

    assertThat(pending.settle(readByB)).isFalse();
    assertThat(pending.resendAll()).isZero();
    assertThat(empowerId.sent).isEmpty();

    // A died before sending: once its lease ran out, the status is sent (once).
    PendingStatuses later =
        new PendingStatuses(
            jobs,
            empowerId,
            RecordingStep.UPLOADED,
            new PendingStatuses.Settlement() {
              @Override
              public void acknowledged(Job job) {
                hooks.add("acknowledged " + job.sessionId().value());
              }
            },
            "me",
            Clock.fixed(T0.plus(PendingStatuses.SEND_LEASE).plusSeconds(1), ZoneOffset.UTC));
    assertThat(later.resendAll()).isOne();
    assertThat(later.resendAll()).isZero();
    assertThat(empowerId.sent).containsExactly("a UPLOADED attempt 1");
    assertThat(jobs.find(A).orElseThrow().pendingStatus()).isNull();
  }

  @Test
  void aStaleCopyOfASettledJobIsNeverSentAgain() {
    // Two instances read the same pending job; one settles it, the other must not send it again
    // (the next service may already have moved the session on).
    Job done = completed(RecordingStep.UPLOADED);
    Job staleCopy = jobs.withPendingStatus(10).get(0);

    assertThat(pending.settle(done)).isTrue();
    assertThat(pending.settle(staleCopy)).isFalse();

    assertThat(empowerId.sent).containsExactly("a UPLOADED attempt 1");
    assertThat(hooks).containsExactly("before a DONE", "acknowledged a");
  }

  @Test
  void ofTwoRunsHoldingTheSameVersionOnlyOneSends() {
    Job done = completed(RecordingStep.UPLOADED);
    Job sameVersion = jobs.find(A).orElseThrow();
    empowerId.failing = true;

    assertThat(pending.settle(done)).isFalse();
    assertThat(pending.settle(sameVersion)).as("version was taken by the first").isFalse();
    assertThat(jobs.find(A).orElseThrow().pendingStatus()).isEqualTo("UPLOADED");

    empowerId.failing = false;
    assertThat(pending.resendAll()).as("a fresh read takes it again").isOne();
    assertThat(empowerId.sent).containsExactly("a UPLOADED attempt 1");
  }

  @Test
  void resendWaitsWhileEmpowerIdIsUnavailable() {
    completed(RecordingStep.UPLOADED);
    empowerId.available = false;

    assertThat(pending.resendAll()).isZero();

    assertThat(empowerId.sent).isEmpty();
    assertThat(jobs.find(A).orElseThrow().pendingStatus()).isEqualTo("UPLOADED");
  }

  private Job completed(RecordingStep step) {
    jobs.enqueue(A, null, T0);
    jobs.claim("me", 5, 10, Duration.ofHours(1), T0);
    return jobs.complete(A, "me", step.name(), T0).orElseThrow();
  }

  /** Records what it is told; the answer, failure and availability are set by each test. */
  private static final class RecordingEmpowerId implements EmpowerIdClient {
    final List<String> sent = new ArrayList<>();
    StatusUpdate answer = StatusUpdate.APPLIED;
    boolean failing;
    boolean available = true;
    RecordingStep where = RecordingStep.PROCESSING;

    @Override
    public Map<SessionId, SessionInfo> poll(Collection<SessionId> sessionIds) {
      if (failing) {
        throw new EmpowerIdException("down", true);
      }
      var answer = new java.util.LinkedHashMap<SessionId, SessionInfo>();
      sessionIds.forEach(
          id ->
              answer.put(
                  id,
                  new SessionInfo(
                      id,
                      io.recpipe.common.empowerid.SessionStatus.CLOSED,
                      where,
                      where.name(),
                      null)));
      return answer;
    }

    @Override
    public StatusUpdate updateRecordingStatus(
        SessionId sessionId, RecordingStep step, String detail) {
      if (failing) {
        throw new EmpowerIdException("down", true);
      }
      sent.add(sessionId.value() + " " + step + " " + detail);
      return answer;
    }

    @Override
    public boolean isAvailable() {
      return available;
    }
  }
}
