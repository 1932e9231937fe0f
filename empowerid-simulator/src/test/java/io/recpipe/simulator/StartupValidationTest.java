package io.recpipe.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import org.junit.jupiter.api.Test;

/** A bad setting stops the simulator at start-up with a message naming it. */
class StartupValidationTest {

  private static String messages(Throwable failure) {
    StringBuilder all = new StringBuilder();
    for (Throwable t = failure; t != null; t = t.getCause()) {
      all.append(t.getMessage()).append('\n');
    }
    return all.toString();
  }

  @Test
  void blankApiKeyIsRefused() {
    Throwable failure = catchThrowable(() -> Simulator.start("simulator.api-key="));

    assertThat(failure).isNotNull();
    assertThat(messages(failure)).contains("apiKey");
  }

  @Test
  void ownerTimeOutMustBePositive() {
    Throwable failure = catchThrowable(() -> Simulator.start("simulator.owner-timeout=0s"));

    assertThat(failure).isNotNull();
    assertThat(messages(failure)).contains("ownerTimeout");
  }

  @Test
  void meaninglessStartupFaultIsRefused() {
    Throwable failure = catchThrowable(() -> Simulator.start("simulator.faults[0].status=200"));

    assertThat(failure).isNotNull();
    assertThat(messages(failure)).contains("status must be within 400..599");
  }
}
