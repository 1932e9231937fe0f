package io.recpipe.common.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RunSettingsTest {

  private static RunSettings settings(Duration heartbeat, Duration ownerTimeout) {
    return new RunSettings(
        5,
        10,
        3,
        Duration.ofMinutes(10),
        Duration.ofMinutes(30),
        Duration.ofSeconds(15),
        Duration.ofMinutes(1),
        Duration.ofMinutes(1),
        heartbeat,
        ownerTimeout);
  }

  @Test
  void retryDelaysDoubleUpToTheCap() {
    var s = settings(Duration.ofMinutes(1), Duration.ofMinutes(15));
    assertThat(s.retryDelayAfter(1)).isEqualTo(Duration.ofMinutes(10));
    assertThat(s.retryDelayAfter(2)).isEqualTo(Duration.ofMinutes(20));
    assertThat(s.retryDelayAfter(3)).isEqualTo(Duration.ofMinutes(30));
    assertThat(s.retryDelayAfter(9)).isEqualTo(Duration.ofMinutes(30));
  }

  @Test
  void waitsDoubleUpToTheirCapWithoutLimitOnTheirCount() {
    var s = settings(Duration.ofMinutes(1), Duration.ofMinutes(15));
    assertThat(s.waitDelayAfter(0)).isEqualTo(Duration.ofSeconds(15));
    assertThat(s.waitDelayAfter(1)).isEqualTo(Duration.ofSeconds(30));
    assertThat(s.waitDelayAfter(2)).isEqualTo(Duration.ofMinutes(1));
    assertThat(s.waitDelayAfter(1000)).isEqualTo(Duration.ofMinutes(1));
  }

  @Test
  void theHeartbeatMustComeTwicePerOwnerTimeout() {
    assertThatThrownBy(() -> settings(Duration.ofMinutes(10), Duration.ofMinutes(15)))
        .hasMessageContaining("heartbeat");
  }
}
