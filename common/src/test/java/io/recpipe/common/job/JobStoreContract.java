package io.recpipe.common.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import io.recpipe.common.session.SessionId;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The behaviour every database the job store runs on must show. */
abstract class JobStoreContract {

  static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  static final Duration LEASE = Duration.ofHours(2);

  HikariDataSource dataSource;
  String table;
  JdbcJobStore store;

  abstract HikariDataSource newDataSource();

  @BeforeEach
  void createTable() {
    dataSource = newDataSource();
    table = TestDatabases.uniqueTable();
    TestDatabases.createTable(JdbcClient.create(dataSource), table);
    store = new JdbcJobStore(dataSource, table);
  }

  @AfterEach
  void dropTable() {
    JdbcClient.create(dataSource).sql("DROP TABLE " + table).update();
    JdbcClient.create(dataSource).sql("DROP TABLE " + table + "_event").update();
    dataSource.close();
  }

  static SessionId id(String value) {
    return SessionId.of(value);
  }

  @Test
  void enqueueQueuesOnceAndNeverRequeues() {
    assertThat(store.enqueue(id("a"), "AWS", T0)).isTrue();
    assertThat(store.enqueue(id("a"), "AWS", T0.plusSeconds(1))).isFalse();
    Job job = store.find(id("a")).orElseThrow();
    assertThat(job.state()).isEqualTo(JobState.QUEUED);
    assertThat(job.attempts()).isZero();
    assertThat(job.detail()).isEqualTo("AWS");
    assertThat(job.createdAt()).isEqualTo(T0);

    store.claim("one", 5, 10, LEASE, T0);
    assertThat(store.enqueue(id("a"), null, T0)).as("RUNNING").isFalse();
    store.fail(id("a"), "one", "boom", 3, T0.plusSeconds(60), null, T0);
    assertThat(store.enqueue(id("a"), null, T0)).as("RETRY_WAIT").isFalse();
    store.claim("one", 5, 10, LEASE, T0.plusSeconds(60));
    store.complete(id("a"), "one", null, T0.plusSeconds(61));
    assertThat(store.enqueue(id("a"), null, T0)).as("DONE").isFalse();
    assertThat(store.find(id("a")).orElseThrow().state()).isEqualTo(JobState.DONE);

    store.enqueue(id("b"), null, T0);
    store.claim("one", 5, 10, LEASE, T0);
    store.failPermanently(id("b"), "one", "gone", "ProcessingFailed", T0);
    assertThat(store.enqueue(id("b"), null, T0)).as("FAILED").isFalse();
    assertThat(store.find(id("b")).orElseThrow().state()).isEqualTo(JobState.FAILED);
  }

  @Test
  void claimTakesDueRetriesFirstThenFillsFromQueueOldestFirst() {
    for (int i = 0; i < 8; i++) {
      store.enqueue(id("r" + i), null, T0.plusSeconds(i));
    }
    store.claim("one", 0, 8, LEASE, T0.plusSeconds(10));
    for (int i = 0; i < 8; i++) {
      Instant due = i < 7 ? T0.plusSeconds(100 + i) : T0.plusSeconds(10_000);
      store.fail(id("r" + i), "one", "boom", 3, due, null, T0.plusSeconds(20));
    }
    for (int i = 0; i < 10; i++) {
      store.enqueue(id("q" + i), null, T0.plusSeconds(30 + (10 - i)));
    }

    List<Claim> claims = store.claim("two", 5, 10, LEASE, T0.plusSeconds(200));

    assertThat(claims)
        .extracting(c -> c.job().sessionId().value())
        .containsExactly("r0", "r1", "r2", "r3", "r4", "q9", "q8", "q7", "q6", "q5");
    assertThat(claims).allSatisfy(c -> assertThat(c.job().owner()).isEqualTo("two"));
    assertThat(claims.get(0).job().attempts()).isEqualTo(2);
    assertThat(claims.get(0).claimedFrom()).isEqualTo(JobState.RETRY_WAIT);
    assertThat(claims.get(5).job().attempts()).isEqualTo(1);
    assertThat(claims.get(5).job().leaseUntil()).isEqualTo(T0.plusSeconds(200).plus(LEASE));
    assertThat(store.find(id("r7")).orElseThrow().state())
        .as("not due yet")
        .isEqualTo(JobState.RETRY_WAIT);
  }

  @Test
  void claimFillsWithQueuedWhenFewRetriesAreDue() {
    store.enqueue(id("a"), null, T0);
    store.enqueue(id("b"), null, T0.plusSeconds(1));
    store.enqueue(id("c"), null, T0.plusSeconds(2));
    assertThat(store.claim("one", 5, 2, LEASE, T0)).hasSize(2);
    assertThat(store.claim("one", 5, 2, LEASE, T0))
        .extracting(c -> c.job().sessionId().value())
        .containsExactly("c");
    assertThat(store.claim("one", 5, 2, LEASE, T0)).isEmpty();
  }

  @Test
  void failRetriesUntilAttemptsAreUsedUp() {
    store.enqueue(id("a"), null, T0);
    for (int attempt = 1; attempt <= 3; attempt++) {
      Instant now = T0.plus(Duration.ofHours(attempt));
      assertThat(store.claim("one", 5, 10, LEASE, now)).hasSize(1);
      Job job =
          store
              .fail(id("a"), "one", "boom " + attempt, 3, now.plusSeconds(600), "Failed", now)
              .orElseThrow();
      assertThat(job.attempts()).isEqualTo(attempt);
      if (attempt < 3) {
        assertThat(job.state()).isEqualTo(JobState.RETRY_WAIT);
        assertThat(job.nextAttemptAt()).isEqualTo(now.plusSeconds(600));
        assertThat(job.pendingStatus()).isNull();
        assertThat(store.claim("one", 5, 10, LEASE, now.plusSeconds(599))).isEmpty();
      } else {
        assertThat(job.state()).isEqualTo(JobState.FAILED);
        assertThat(job.pendingStatus()).isEqualTo("Failed");
      }
    }
    Job stored = store.find(id("a")).orElseThrow();
    assertThat(stored.state()).isEqualTo(JobState.FAILED);
    assertThat(stored.lastError()).isEqualTo("boom 3");
    assertThat(store.claim("one", 5, 10, LEASE, T0.plus(Duration.ofDays(9)))).isEmpty();
  }

  @Test
  void expiredLeaseIsReclaimedAndTheDeadOwnerLosesTheJob() {
    store.enqueue(id("a"), null, T0);
    store.claim("dead", 5, 10, LEASE, T0);
    assertThat(store.claim("alive", 5, 10, LEASE, T0.plus(LEASE).minusSeconds(1))).isEmpty();

    List<Claim> claims = store.claim("alive", 5, 10, LEASE, T0.plus(LEASE).plusSeconds(1));

    assertThat(claims).hasSize(1);
    assertThat(claims.get(0).reclaimed()).isTrue();
    assertThat(claims.get(0).job().attempts()).as("the crash used an attempt").isEqualTo(2);
    assertThat(store.renewLease(id("a"), "dead", LEASE, T0.plus(LEASE))).isFalse();
    assertThat(store.complete(id("a"), "dead", null, T0.plus(LEASE))).isEmpty();
    assertThat(store.complete(id("a"), "alive", "Processed", T0.plus(LEASE))).isPresent();
    assertThat(store.find(id("a")).orElseThrow().owner()).isEqualTo("alive");
  }

  @Test
  void renewedLeaseIsNotReclaimed() {
    store.enqueue(id("a"), null, T0);
    store.claim("one", 5, 10, LEASE, T0);
    assertThat(store.renewLease(id("a"), "one", LEASE, T0.plus(Duration.ofHours(1)))).isTrue();
    assertThat(store.claim("two", 5, 10, LEASE, T0.plus(LEASE).plusSeconds(1))).isEmpty();
    assertThat(store.claim("two", 5, 10, LEASE, T0.plus(Duration.ofHours(3)).plusSeconds(1)))
        .hasSize(1);
  }

  @Test
  void putBackWaitsWithAReasonWithoutUsingAnAttempt() {
    store.enqueue(id("a"), null, T0);
    store.claim("one", 5, 10, LEASE, T0);
    Job waiting =
        store
            .putBack(
                id("a"), "one", WaitReason.STORE_UNAVAILABLE, "S3 down", T0.plusSeconds(30), T0)
            .orElseThrow();
    assertThat(waiting.state()).isEqualTo(JobState.WAITING);
    assertThat(waiting.attempts()).isZero();
    assertThat(waiting.owner()).isNull();
    assertThat(waiting.waitReason()).isEqualTo(WaitReason.STORE_UNAVAILABLE);
    assertThat(waiting.waits()).isEqualTo(1);
    assertThat(store.find(id("a")).orElseThrow().waitReason())
        .isEqualTo(WaitReason.STORE_UNAVAILABLE);
    assertThat(store.countsWaitingByReason()).containsEntry(WaitReason.STORE_UNAVAILABLE, 1L);
    assertThat(store.claim("two", 5, 10, LEASE, T0.plusSeconds(29))).as("not due yet").isEmpty();
    Claim again = store.claim("two", 5, 10, LEASE, T0.plusSeconds(30)).get(0);
    assertThat(again.job().attempts()).as("the wait used no attempt").isEqualTo(1);
    assertThat(again.job().waits()).as("waits in a row are kept for the backoff").isEqualTo(1);
    assertThat(again.job().waitReason()).isNull();
    store.putBack(id("a"), "two", WaitReason.SHUTDOWN, "stopping", T0.plusSeconds(30), T0);
    assertThat(store.find(id("a")).orElseThrow().waits()).isEqualTo(2);
  }

  @Test
  void waitingJobsNeverBlockOthersAndComeBackByDueTime() {
    for (String name : List.of("azure1", "azure2", "azure3")) {
      store.enqueue(id(name), "Azure", T0);
    }
    store.claim("one", 0, 3, LEASE, T0);
    for (String name : List.of("azure1", "azure2", "azure3")) {
      store.putBack(
          id(name), "one", WaitReason.STORE_NOT_CONFIGURED, "no Azure", T0.plusSeconds(60), T0);
    }
    store.enqueue(id("s3"), "AWS", T0.plusSeconds(10));
    assertThat(store.claimDue("one", 0, 10, LEASE, T0.plusSeconds(20)))
        .extracting(c -> c.job().sessionId().value())
        .as("only a later S3 job: the waiting ones are not due yet")
        .containsExactly("s3");
    store.enqueue(id("queued-at-50"), "AWS", T0.plusSeconds(50));
    store.enqueue(id("queued-at-90"), "AWS", T0.plusSeconds(90));
    assertThat(store.claimDue("one", 0, 10, LEASE, T0.plusSeconds(100)))
        .extracting(c -> c.job().sessionId().value())
        .as("in the order they became due, not the order they were first queued")
        .containsExactly("queued-at-50", "azure1", "azure2", "azure3", "queued-at-90");
  }

  @Test
  void ownLeasesExpireAtStartUpSoTheRestartedOwnerTakesItsJobsBackAtOnce() {
    store.enqueue(id("a"), null, T0);
    store.enqueue(id("b"), null, T0);
    store.claim("me", 5, 1, LEASE, T0);
    store.claim("other", 5, 1, LEASE, T0);
    assertThat(store.expireLeasesOf("me", T0.plusSeconds(5))).isEqualTo(1);
    List<Claim> back = store.claim("me", 5, 10, LEASE, T0.plusSeconds(5));
    assertThat(back).hasSize(1);
    assertThat(back.get(0).reclaimed()).isTrue();
    assertThat(back.get(0).job().attempts()).as("the interrupted run counts").isEqualTo(2);
    assertThat(store.find(id("b")).orElseThrow().owner()).isEqualTo("other");
  }

  @Test
  void requeueGivesAFailedJobAFullSetOfAttempts() {
    store.enqueue(id("a"), null, T0);
    store.claim("one", 5, 10, LEASE, T0);
    store.failPermanently(id("a"), "one", "garbage", "PROCESSING_FAILED", T0);
    Job queued = store.requeue(id("a"), T0.plusSeconds(1)).orElseThrow();
    assertThat(queued.state()).isEqualTo(JobState.QUEUED);
    assertThat(queued.attempts()).isZero();
    assertThat(queued.pendingStatus()).isNull();
    assertThat(store.claim("two", 5, 10, LEASE, T0.plusSeconds(2))).hasSize(1);
    assertThat(store.requeue(id("a"), T0.plusSeconds(3))).as("only a failed job").isEmpty();
    assertThat(store.requeue(id("absent"), T0)).isEmpty();
  }

  @Test
  void announcedByIsKeptAcrossMoves() {
    store.enqueue(id("a"), null, T0);
    store.claim("one", 5, 10, LEASE, T0);
    assertThat(store.markAnnounced(id("a"), "one", T0)).isTrue();
    assertThat(store.markAnnounced(id("a"), "other", T0)).as("not held").isFalse();
    store.fail(id("a"), "one", "boom", 3, T0.plusSeconds(60), null, T0);
    assertThat(store.find(id("a")).orElseThrow().announcedBy()).isEqualTo("one");
  }

  @Test
  void aCompletedJobKeepsWhatTheWorkSaidOfItsResult() {
    store.enqueue(id("a"), null, T0);
    store.enqueue(id("b"), null, T0);
    store.claim("one", 5, 10, LEASE, T0);
    store.complete(id("a"), "one", "PROCESSED", "damaged bytes skipped: 5-9", T0.plusSeconds(5));
    store.complete(id("b"), "one", "PROCESSED", "  ", T0.plusSeconds(5));

    assertThat(store.find(id("a")).orElseThrow().resultDetail())
        .isEqualTo("damaged bytes skipped: 5-9");
    assertThat(store.find(id("b")).orElseThrow().resultDetail()).as("blank is none").isNull();
  }

  @Test
  void historyPastRetentionGoesOnlyForJobsThatAreDoneOrGone() {
    store.enqueue(id("done-old"), null, T0);
    store.enqueue(id("failed-old"), null, T0);
    store.enqueue(id("done-new"), null, T0);
    store.claim("one", 5, 10, LEASE, T0);
    store.complete(id("done-old"), "one", "PROCESSED", T0.plusSeconds(1));
    store.failPermanently(id("failed-old"), "one", "garbage", null, T0.plusSeconds(1));
    store.complete(id("done-new"), "one", "PROCESSED", T0.plus(Duration.ofDays(2)));
    store.enqueue(id("gone-old"), null, T0);
    store.forget(id("gone-old"), T0.plusSeconds(2));

    int deleted =
        new HistoryRetention(
                store, Duration.ofDays(1), Clock.fixed(T0.plus(Duration.ofDays(2)), ZoneOffset.UTC))
            .pruneOnce();

    assertThat(store.events().of(id("done-old"))).isEmpty();
    assertThat(store.events().of(id("gone-old"))).isEmpty();
    assertThat(store.events().of(id("failed-old"))).as("failed: kept").hasSize(3);
    assertThat(store.events().of(id("done-new")))
        .as("done, its last event within retention: its whole timeline is kept")
        .hasSize(3);
    assertThat(deleted).isEqualTo(3 + 2);
  }

  @Test
  void aStatusEmpowerIdMustStillHearIsDueTooUnlessDeferred() {
    store.enqueue(id("a"), null, T0);
    store.claim("one", 5, 10, LEASE, T0);
    store.complete(id("a"), "one", "PROCESSED", T0.plusSeconds(5));
    assertThat(store.nextDue()).contains(T0.plusSeconds(5));
    Job done = store.find(id("a")).orElseThrow();
    assertThat(store.takePendingStatus(done, Duration.ofMinutes(5), T0.plusSeconds(6))).isTrue();
    assertThat(store.deferPendingStatus(id("a"), "PROCESSED", T0.plusSeconds(40))).isTrue();
    assertThat(store.nextDue()).contains(T0.plusSeconds(40));
    store.clearPendingStatus(id("a"), "PROCESSED", T0.plusSeconds(41));
    assertThat(store.nextDue()).isEmpty();
  }

  @Test
  void nextDueIsTheEarliestMomentAJobBecomesClaimable() {
    assertThat(store.nextDue()).isEmpty();
    store.enqueue(id("a"), null, T0);
    store.claim("one", 5, 10, LEASE, T0);
    assertThat(store.nextDue()).contains(T0.plus(LEASE));
    store.putBack(id("a"), "one", WaitReason.EMPOWERID_UNAVAILABLE, "503", T0.plusSeconds(45), T0);
    assertThat(store.nextDue()).contains(T0.plusSeconds(45));
    store.enqueue(id("b"), null, T0.plusSeconds(5));
    assertThat(store.nextDue()).contains(T0.plusSeconds(5));
  }

  @Test
  void dropMarksDoneWithTheReason() {
    store.enqueue(id("a"), null, T0);
    store.claim("one", 5, 10, LEASE, T0);
    Job job = store.drop(id("a"), "one", "owned by another instance", T0).orElseThrow();
    assertThat(job.state()).isEqualTo(JobState.DONE);
    assertThat(store.find(id("a")).orElseThrow().lastError())
        .isEqualTo("owned by another instance");
  }

  @Test
  void illegalMoveThrowsNamingSessionAndStates() {
    store.enqueue(id("a"), null, T0);
    store.claim("one", 5, 10, LEASE, T0);
    store.fail(id("a"), "one", "boom", 3, T0.plusSeconds(60), null, T0);

    assertThat(store.complete(id("a"), "one", null, T0)).as("no longer held").isEmpty();
    Job waiting = store.find(id("a")).orElseThrow();
    var transitions = new JobTransitions(JdbcClient.create(dataSource), table, store.events());
    assertThatThrownBy(
            () ->
                transitions.move(
                    waiting,
                    new JobTransitions.Move(
                        JobState.DONE, 1, null, null, "one", null, null, waiting),
                    T0,
                    null))
        .isInstanceOf(IllegalJobTransitionException.class)
        .hasMessageContaining("session: a")
        .hasMessageContaining("from: RETRY_WAIT")
        .hasMessageContaining("to: DONE");
    assertThat(store.find(id("a")).orElseThrow().state()).isEqualTo(JobState.RETRY_WAIT);
  }

  @Test
  void pendingStatusIsStoredWithTheMoveAndClearedOnlyWhenUnchanged() {
    store.enqueue(id("a"), null, T0);
    store.enqueue(id("b"), null, T0);
    store.claim("one", 5, 10, LEASE, T0);
    store.complete(id("a"), "one", "Processed", T0.plusSeconds(1));
    store.complete(id("b"), "one", null, T0.plusSeconds(2));

    assertThat(store.withPendingStatus(10))
        .extracting(j -> j.sessionId().value(), Job::pendingStatus)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("a", "Processed"));
    assertThat(store.clearPendingStatus(id("a"), "Other", T0)).isFalse();
    assertThat(store.clearPendingStatus(id("a"), "Processed", T0)).isTrue();
    assertThat(store.withPendingStatus(10)).isEmpty();
  }

  @Test
  void everyMoveIsInTheJobsHistoryWithWhoDidIt() {
    store.enqueue(id("a"), "AWS", T0);
    store.claim("one", 5, 10, LEASE, T0.plusSeconds(1));
    store.fail(id("a"), "one", "boom", 3, T0.plusSeconds(60), null, T0.plusSeconds(2));
    store.claim("two", 5, 10, LEASE, T0.plusSeconds(60));
    store.putBack(
        id("a"),
        "two",
        WaitReason.STORE_UNAVAILABLE,
        "S3 down",
        T0.plusSeconds(90),
        T0.plusSeconds(61));
    store.claim("two", 5, 10, LEASE, T0.plusSeconds(90));
    store.failPermanently(id("a"), "two", "garbage", "PROCESSING_FAILED", T0.plusSeconds(91));
    store.requeue(id("a"), T0.plusSeconds(100));

    List<JobEvent> events = store.events().of(id("a"));
    assertThat(events)
        .extracting(JobEvent::kind)
        .containsExactly(
            JobEvent.Kind.QUEUED,
            JobEvent.Kind.CLAIMED,
            JobEvent.Kind.SETTLED,
            JobEvent.Kind.CLAIMED,
            JobEvent.Kind.SETTLED,
            JobEvent.Kind.CLAIMED,
            JobEvent.Kind.SETTLED,
            JobEvent.Kind.REQUEUED);
    assertThat(events)
        .extracting(JobEvent::to)
        .containsExactly(
            JobState.QUEUED,
            JobState.RUNNING,
            JobState.RETRY_WAIT,
            JobState.RUNNING,
            JobState.WAITING,
            JobState.RUNNING,
            JobState.FAILED,
            JobState.QUEUED);
    assertThat(events.get(2).instance()).isEqualTo("one");
    assertThat(events.get(2).message()).isEqualTo("boom");
    assertThat(events.get(2).attempt()).isEqualTo(1);
    assertThat(events.get(4).instance())
        .as("the put-back's owner, though it clears it")
        .isEqualTo("two");
    assertThat(events.get(4).waitReason()).isEqualTo(WaitReason.STORE_UNAVAILABLE);
    assertThat(events.get(6).at()).isEqualTo(T0.plusSeconds(91));
    assertThat(store.events().movesSince(T0.plusSeconds(60), 100))
        .extracting(JobEvent::kind)
        .containsExactly(
            JobEvent.Kind.CLAIMED,
            JobEvent.Kind.SETTLED,
            JobEvent.Kind.CLAIMED,
            JobEvent.Kind.SETTLED);
  }

  @Test
  void forgetDeletesAJobThatIsNotRunningAndKeepsItsHistory() {
    store.enqueue(id("a"), null, T0);
    store.claim("one", 5, 10, LEASE, T0);
    assertThat(store.forget(id("a"), T0)).isEqualTo(JdbcJobStore.Forgetting.RUNNING);
    assertThat(store.find(id("a"))).isPresent();
    store.failPermanently(id("a"), "one", "garbage", null, T0);
    assertThat(store.forget(id("a"), T0.plusSeconds(1)))
        .isEqualTo(JdbcJobStore.Forgetting.FORGOTTEN);
    assertThat(store.find(id("a"))).isEmpty();
    assertThat(store.forget(id("a"), T0)).isEqualTo(JdbcJobStore.Forgetting.NO_JOB);
    assertThat(store.events().of(id("a")))
        .last()
        .satisfies(
            e -> {
              assertThat(e.kind()).isEqualTo(JobEvent.Kind.FORGOTTEN);
              assertThat(e.from()).isEqualTo(JobState.FAILED);
            });
    assertThat(store.enqueue(id("a"), null, T0.plusSeconds(2))).as("a new job may come").isTrue();
  }

  @Test
  void pagesFilterByStateAndWaitingReasonMostRecentFirst() {
    for (int i = 0; i < 5; i++) {
      store.enqueue(id("q" + i), null, T0.plusSeconds(i));
    }
    store.enqueue(id("w"), null, T0.minusSeconds(10));
    store.claim("one", 0, 1, LEASE, T0.plusSeconds(10));
    store.putBack(
        id("w"), "one", WaitReason.DISK_FULL, "full", T0.plusSeconds(99), T0.plusSeconds(11));

    assertThat(store.page(JobState.QUEUED, null, 0, 2))
        .extracting(j -> j.sessionId().value())
        .containsExactly("q4", "q3");
    assertThat(store.page(JobState.QUEUED, null, 4, 2))
        .extracting(j -> j.sessionId().value())
        .containsExactly("q0");
    assertThat(store.count(JobState.QUEUED, null)).isEqualTo(5);
    assertThat(store.count(null, null)).isEqualTo(6);
    assertThat(store.page(null, WaitReason.DISK_FULL, 0, 10))
        .extracting(j -> j.sessionId().value())
        .containsExactly("w");
    assertThat(store.count(null, WaitReason.STORE_UNAVAILABLE)).isZero();
    assertThat(store.oldestWaiting().orElseThrow().sessionId().value()).isEqualTo("w");
  }

  @Test
  void countsEveryState() {
    store.enqueue(id("a"), null, T0);
    store.enqueue(id("b"), null, T0.plusSeconds(1));
    store.enqueue(id("c"), null, T0.plusSeconds(2));
    store.claim("one", 0, 1, LEASE, T0);
    assertThat(store.countsByState())
        .containsEntry(JobState.QUEUED, 2L)
        .containsEntry(JobState.RUNNING, 1L)
        .containsEntry(JobState.DONE, 0L)
        .containsEntry(JobState.FAILED, 0L)
        .containsEntry(JobState.RETRY_WAIT, 0L);
  }

  @Test
  void oldestWaitingIsTheLongestQueuedWaitingOrRetryingJob() {
    assertThat(oldestSince()).as("nothing queued").isEmpty();
    store.enqueue(id("a"), null, T0);
    store.enqueue(id("b"), null, T0.plusSeconds(10));
    store.enqueue(id("c"), null, T0.plusSeconds(20));
    assertThat(oldestSince()).contains(T0);

    Instant now = T0.plusSeconds(30);
    store.claim("one", 0, 1, LEASE, now);
    assertThat(oldestSince()).as("a running job waits for nothing").contains(T0.plusSeconds(10));
    store.complete(id("a"), "one", null, now);
    store.claim("one", 0, 1, LEASE, now);
    store.fail(id("b"), "one", "boom", 3, now.plusSeconds(600), "Failed", now);
    assertThat(oldestSince()).as("due for a retry").contains(T0.plusSeconds(10));
    store.claim("one", 0, 1, LEASE, now);
    store.putBack(id("c"), "one", WaitReason.DISK_FULL, "full", now.plusSeconds(60), now);
    store.claim("one", 1, 1, LEASE, now.plusSeconds(600));
    store.failPermanently(id("b"), "one", "garbage", "Failed", now.plusSeconds(600));
    assertThat(oldestSince()).as("waiting; a failed job is over").contains(T0.plusSeconds(20));
    store.claim("one", 0, 1, LEASE, now.plusSeconds(600));
    assertThat(oldestSince()).isEmpty();
  }

  private Optional<Instant> oldestSince() {
    return store.oldestWaiting().map(Job::createdAt);
  }

  @Test
  void twoStoresOnTheirOwnConnectionsNeverClaimTheSameJob() throws Exception {
    int jobs = 300;
    for (int i = 0; i < jobs; i++) {
      store.enqueue(id("s" + i), null, T0.plusMillis(i));
    }
    var pool = Executors.newFixedThreadPool(2);
    try (HikariDataSource second = newDataSource()) {
      var stores = List.of(store, new JdbcJobStore(second, table));
      var start = new CountDownLatch(1);
      var futures = new ArrayList<Future<List<String>>>();
      for (int n = 0; n < 2; n++) {
        JdbcJobStore mine = stores.get(n);
        String owner = "instance-" + n;
        Callable<List<String>> worker =
            () -> {
              start.await();
              var got = new ArrayList<String>();
              List<Claim> batch;
              while (!(batch = mine.claim(owner, 5, 7, LEASE, T0)).isEmpty()) {
                batch.forEach(c -> got.add(c.job().sessionId().value()));
              }
              return got;
            };
        futures.add(pool.submit(worker));
      }
      start.countDown();
      List<String> first = futures.get(0).get();
      List<String> other = futures.get(1).get();

      var all = new ArrayList<>(first);
      all.addAll(other);
      assertThat(new HashSet<>(all)).hasSize(jobs);
      assertThat(all).as("no session claimed twice").hasSize(jobs);
      assertThat(Collections.disjoint(first, other)).isTrue();
      assertThat(store.countsByState()).containsEntry(JobState.RUNNING, (long) jobs);
      assertThat(store.find(id("s0")).orElseThrow().attempts()).isEqualTo(1);
    } finally {
      pool.shutdownNow();
    }
  }
}
