package io.recpipe.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The contract's "Ownership and liveness", with the default owner time-out of 15 minutes. */
class OwnerTimeoutTest {

  private static final Duration OWNER_TIMEOUT = Duration.ofMinutes(15);

  private final Simulator sim = Simulator.shared();

  @BeforeEach
  void reset() {
    sim.reset();
    sim.addSession("{\"sessionId\":\"s1\"}");
  }

  @Test
  void takeoverIsRefusedBeforeTheOwnerTimeOutAndAcceptedAfterIt() {
    assertThat(sim.setStatus("s1", "Processing", "enc-1").status()).isEqualTo(204);

    sim.clock.advance(OWNER_TIMEOUT.minusSeconds(1));
    assertThat(sim.setStatus("s1", "Processing", "enc-2").status()).isEqualTo(409);

    sim.clock.advance(Duration.ofSeconds(1));
    assertThat(sim.setStatus("s1", "Processing", "enc-2").status()).isEqualTo(204);

    JsonNode session = sim.get("/sessions/s1");
    assertThat(session.get("owner").asString()).isEqualTo("enc-2");
    assertThat(session.get("lastReported").asString()).isEqualTo(sim.clock.instant().toString());
    assertThat(session.get("history").size()).isEqualTo(2);
    assertThat(session.get("history").get(1).get("processInstance").asString()).isEqualTo("enc-2");
    assertThat(sim.setStatus("s1", "Processed", "enc-1").status()).isEqualTo(409);
  }

  @Test
  void heartbeatRefreshesLastReportedAndPostponesATakeover() {
    sim.setStatus("s1", "Processing", "enc-1", "attempt 1 of 3");
    sim.clock.advance(Duration.ofMinutes(10));

    assertThat(sim.setStatus("s1", "Processing", "enc-1", "42% converted").status()).isEqualTo(204);
    JsonNode session = sim.get("/sessions/s1");
    assertThat(session.get("lastReported").asString()).isEqualTo(sim.clock.instant().toString());
    assertThat(session.get("history").get(1).get("detail").asString()).isEqualTo("42% converted");

    sim.clock.advance(Duration.ofMinutes(10));
    assertThat(sim.setStatus("s1", "Processing", "enc-2").status()).isEqualTo(409);

    sim.clock.advance(Duration.ofMinutes(5));
    assertThat(sim.setStatus("s1", "Processing", "enc-2").status()).isEqualTo(204);
  }

  @Test
  void ownerIsAcceptedHoweverLongItWasQuiet() {
    sim.setStatus("s1", "Processing", "enc-1");
    sim.clock.advance(Duration.ofHours(2));

    assertThat(sim.setStatus("s1", "Processed", "enc-1").status()).isEqualTo(204);
  }

  @Test
  void finalWordEndsOwnershipAtOnce() {
    sim.setStatus("s1", "Processing", "enc-1");
    sim.setStatus("s1", "Processed", "enc-1");

    JsonNode released = sim.get("/sessions/s1");
    assertThat(released.get("owner").isNull()).isTrue();
    assertThat(released.get("lastReported").asString()).isEqualTo(sim.clock.instant().toString());
    assertThat(sim.setStatus("s1", "Uploading", "upl-1").status()).isEqualTo(204);
    assertThat(sim.get("/sessions/s1").get("owner").asString()).isEqualTo("upl-1");
  }

  @Test
  void takeoverWithAFinalWordLeavesTheSessionWithoutOwner() {
    sim.setStatus("s1", "Uploading", "upl-1");
    sim.clock.advance(OWNER_TIMEOUT);

    assertThat(sim.setStatus("s1", "UploadFailed", "upl-2").status()).isEqualTo(204);

    JsonNode session = sim.get("/sessions/s1");
    assertThat(session.get("recordingStatus").asString()).isEqualTo("UploadFailed");
    assertThat(session.get("owner").isNull()).isTrue();
  }

  @Test
  void newSessionHasNoOwnerAndNoReportYet() {
    JsonNode session = sim.get("/sessions").get(0);

    assertThat(session.get("owner").isNull()).isTrue();
    assertThat(session.get("lastReported").isNull()).isTrue();
  }
}
