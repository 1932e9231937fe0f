package io.recpipe.common.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class JobStateTest {

  @Test
  void finishedJobsGoNowhereButAFailedOneCanBeRequeued() {
    for (JobState next : JobState.values()) {
      assertThat(JobState.DONE.canMoveTo(next)).isFalse();
      assertThat(JobState.FAILED.canMoveTo(next)).isEqualTo(next == JobState.QUEUED);
    }
  }

  @Test
  void onlyClaimsLeaveTheWaitingStates() {
    for (JobState next : JobState.values()) {
      assertThat(JobState.QUEUED.canMoveTo(next)).isEqualTo(next == JobState.RUNNING);
      assertThat(JobState.RETRY_WAIT.canMoveTo(next)).isEqualTo(next == JobState.RUNNING);
      assertThat(JobState.WAITING.canMoveTo(next)).isEqualTo(next == JobState.RUNNING);
    }
    assertThat(JobState.RUNNING.canMoveTo(JobState.WAITING)).as("put back").isTrue();
    assertThat(JobState.RUNNING.canMoveTo(JobState.QUEUED)).as("no release: it waits").isFalse();
    assertThat(JobState.RUNNING.canMoveTo(JobState.DONE)).isTrue();
    assertThat(JobState.RUNNING.canMoveTo(JobState.RUNNING)).as("reclaim").isTrue();
  }

  @Test
  void tableNamesAreCheckedBeforeUse() {
    assertThat(JobTableSchema.checkTableName("encoder_job")).isEqualTo("encoder_job");
    for (String bad : new String[] {"Encoder", "job;drop", "job 1", "", "a1"}) {
      assertThatThrownBy(() -> JobTableSchema.checkTableName(bad))
          .isInstanceOf(IllegalArgumentException.class);
    }
    assertThat(JobTableSchema.statements("encoder_job"))
        .hasSize(10)
        .allSatisfy(s -> assertThat(s).contains("encoder_job").doesNotContain("${table}"));
  }
}
