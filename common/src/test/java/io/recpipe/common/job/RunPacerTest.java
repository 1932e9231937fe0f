package io.recpipe.common.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RunPacerTest {

  private Instant now = Instant.parse("2026-01-01T00:00:00Z");
  private final Clock clock =
      new Clock() {
        @Override
        public java.time.ZoneId getZone() {
          return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
          return this;
        }

        @Override
        public Instant instant() {
          return now;
        }
      };

  private final RunPacer pacer =
      new RunPacer(Duration.ofMinutes(10), Duration.ofSeconds(20), Duration.ofSeconds(1), clock);

  @Test
  void firstRunAfterTheInitialDelayThenAfterTheInterval() {
    assertThat(pacer.takeTurn()).isFalse();
    now = now.plusSeconds(20);
    assertThat(pacer.takeTurn()).isTrue();
    pacer.ran(Optional.empty());
    now = now.plusSeconds(599);
    assertThat(pacer.takeTurn()).isFalse();
    now = now.plusSeconds(1);
    assertThat(pacer.takeTurn()).isTrue();
  }

  @Test
  void dueWorkBringsTheNextRunForwardButNotBeforeTheMinimumGap() {
    now = now.plusSeconds(20);
    pacer.takeTurn();
    pacer.ran(Optional.of(now.plusSeconds(45)));
    assertThat(pacer.next()).isEqualTo(now.plusSeconds(45));
    pacer.ran(Optional.of(now.minusSeconds(100)));
    assertThat(pacer.next())
        .as("a job overdue: soon, not in a busy loop")
        .isEqualTo(now.plusSeconds(1));
    pacer.ran(Optional.of(now.plus(Duration.ofHours(5))));
    assertThat(pacer.next()).as("never later than the interval").isEqualTo(now.plusSeconds(600));
  }

  @Test
  void aWakeRunsTheNextTickOnceAndASkippedRunComesBackSoon() {
    pacer.wake();
    assertThat(pacer.takeTurn()).isTrue();
    assertThat(pacer.takeTurn()).isFalse();
    pacer.retryIn(Duration.ofSeconds(30));
    now = now.plusSeconds(30);
    assertThat(pacer.takeTurn()).isTrue();
  }
}
