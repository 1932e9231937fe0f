package io.recpipe.common.empowerid;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

class BackoffTest {

  @Test
  void theCapDoublesFromTheInitialWaitUpToTheMaximum() {
    var backoff =
        new Backoff(Duration.ofMillis(100), Duration.ofMillis(700), new SplittableRandom(1));

    assertThat(backoff.cap(1)).isEqualTo(Duration.ofMillis(100));
    assertThat(backoff.cap(2)).isEqualTo(Duration.ofMillis(200));
    assertThat(backoff.cap(3)).isEqualTo(Duration.ofMillis(400));
    assertThat(backoff.cap(4)).isEqualTo(Duration.ofMillis(700));
    assertThat(backoff.cap(1_000)).isEqualTo(Duration.ofMillis(700));
  }

  @Test
  void delaysAreSpreadOverTheWholeRangeUpToTheCap() {
    var backoff =
        new Backoff(Duration.ofMillis(100), Duration.ofSeconds(1), new SplittableRandom(7));
    Duration smallest = Duration.ofDays(1);
    Duration largest = Duration.ZERO;

    for (int i = 0; i < 2_000; i++) {
      Duration d = backoff.delay(3);
      assertThat(d).isBetween(Duration.ZERO, Duration.ofMillis(400));
      smallest = d.compareTo(smallest) < 0 ? d : smallest;
      largest = d.compareTo(largest) > 0 ? d : largest;
    }

    assertThat(smallest).isLessThan(Duration.ofMillis(40));
    assertThat(largest).isGreaterThan(Duration.ofMillis(360));
  }

  @Test
  void theExtremesOfTheRandomSourceMapToZeroAndTheCap() {
    RandomGenerator lowest = () -> 0L;
    var atLeast = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(1), lowest);
    assertThat(atLeast.delay(2)).isEqualTo(Duration.ZERO);

    RandomGenerator highest =
        new RandomGenerator() {
          @Override
          public long nextLong() {
            return 0;
          }

          @Override
          public long nextLong(long bound) {
            return bound - 1;
          }
        };
    var atMost = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(1), highest);
    assertThat(atMost.delay(2)).isEqualTo(Duration.ofMillis(200));
  }

  @Test
  void aZeroInitialWaitNeverWaits() {
    var backoff = new Backoff(Duration.ZERO, Duration.ofSeconds(1), new SplittableRandom(3));
    assertThat(backoff.delay(5)).isEqualTo(Duration.ZERO);
  }

  @Test
  void refusesNonsense() {
    assertThatThrownBy(
            () -> new Backoff(Duration.ofMillis(-1), Duration.ZERO, new SplittableRandom()))
        .isInstanceOf(IllegalArgumentException.class);
    var backoff = new Backoff(Duration.ofMillis(1), Duration.ofMillis(2), new SplittableRandom());
    assertThatThrownBy(() -> backoff.cap(0)).isInstanceOf(IllegalArgumentException.class);
  }
}
