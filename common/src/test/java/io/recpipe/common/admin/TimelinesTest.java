package io.recpipe.common.admin;

import static org.assertj.core.api.Assertions.assertThat;

import io.recpipe.common.admin.AdminViews.Attempt;
import io.recpipe.common.job.JobEvent;
import io.recpipe.common.job.JobEvent.Kind;
import io.recpipe.common.job.JobState;
import io.recpipe.common.job.WaitReason;
import io.recpipe.common.session.SessionId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TimelinesTest {

  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  private final List<JobEvent> events = new ArrayList<>();

  private void add(int second, Kind kind, String instance, JobState from, JobState to) {
    add(second, kind, instance, from, to, null, null, null);
  }

  private void add(
      int second,
      Kind kind,
      String instance,
      JobState from,
      JobState to,
      String word,
      String answer,
      String message) {
    events.add(
        new JobEvent(
            events.size() + 1,
            SessionId.of("a"),
            T0.plusSeconds(second),
            kind,
            instance,
            from,
            to,
            1,
            to == JobState.WAITING ? WaitReason.STORE_UNAVAILABLE : null,
            word,
            answer,
            message));
  }

  @Test
  void eachClaimOpensAnAttemptWithItsWordsOutcomeAndDuration() {
    add(0, Kind.QUEUED, null, null, JobState.QUEUED);
    add(10, Kind.CLAIMED, "one", JobState.QUEUED, JobState.RUNNING);
    add(11, Kind.STATUS, "one", null, null, "PROCESSING", "APPLIED", "attempt 1 of 3");
    // "one" died: no settlement; "two" takes the job over
    add(100, Kind.CLAIMED, "two", JobState.RUNNING, JobState.RUNNING);
    add(101, Kind.STATUS, "two", null, null, "PROCESSING", "APPLIED", "attempt 2 of 3");
    add(130, Kind.SETTLED, "two", JobState.RUNNING, JobState.WAITING);
    add(200, Kind.CLAIMED, "two", JobState.WAITING, JobState.RUNNING);
    add(260, Kind.SETTLED, "two", JobState.RUNNING, JobState.FAILED);
    add(261, Kind.STATUS, "two", null, null, "PROCESSING_FAILED", "APPLIED", "garbage");
    add(300, Kind.REQUEUED, null, JobState.FAILED, JobState.QUEUED);

    List<Attempt> attempts = Timelines.attempts(events);

    assertThat(attempts).extracting(Attempt::number).containsExactly(1, 2, 3);
    Attempt died = attempts.get(0);
    assertThat(died.instance()).isEqualTo("one");
    assertThat(died.outcome()).as("never settled").isNull();
    assertThat(died.durationMillis()).isNull();
    assertThat(died.words()).hasSize(1);
    Attempt waited = attempts.get(1);
    assertThat(waited.claimedFrom()).isEqualTo(JobState.RUNNING);
    assertThat(waited.outcome()).isEqualTo(JobState.WAITING);
    assertThat(waited.waitReason()).isEqualTo(WaitReason.STORE_UNAVAILABLE);
    assertThat(waited.durationMillis()).isEqualTo(30_000);
    Attempt failed = attempts.get(2);
    assertThat(failed.outcome()).isEqualTo(JobState.FAILED);
    assertThat(failed.durationMillis()).isEqualTo(60_000);
    assertThat(failed.words())
        .as("the final word, sent after the settlement, belongs to it")
        .extracting(AdminViews.Word::word)
        .containsExactly("PROCESSING_FAILED");
  }
}
