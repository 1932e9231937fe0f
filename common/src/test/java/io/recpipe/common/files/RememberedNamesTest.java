package io.recpipe.common.files;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RememberedNamesTest {

  private final AtomicLong nanos = new AtomicLong();
  private final RememberedNames names = new RememberedNames(100, Duration.ofDays(1), nanos::get);

  @Test
  void aNameIsReportedOnceUntilItIsForgottenADayLater() {
    assertThat(names.firstSight("bad name.mp4")).isTrue();
    assertThat(names.firstSight("bad name.mp4")).isFalse();

    nanos.addAndGet(Duration.ofHours(23).toNanos());
    assertThat(names.firstSight("bad name.mp4")).as("23 hours later").isFalse();

    nanos.addAndGet(Duration.ofHours(2).toNanos());
    assertThat(names.firstSight("bad name.mp4")).as("25 hours after the report").isTrue();
    assertThat(names.firstSight("bad name.mp4")).isFalse();
  }

  @Test
  void manyNamesNeverGrowTheMemoryPastItsBound() {
    for (int i = 0; i < 10_000; i++) {
      names.firstSight("bad-" + i);
      assertThat(names.size()).isLessThanOrEqualTo(100);
    }
    assertThat(names.size()).isEqualTo(100);
  }
}
