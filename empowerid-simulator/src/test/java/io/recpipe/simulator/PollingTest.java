package io.recpipe.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class PollingTest {

  private final Simulator sim = Simulator.shared();

  @BeforeEach
  void reset() {
    sim.reset();
  }

  @Test
  void reportsKnownSessionsOnlyInTheOrderAsked() {
    sim.addSession("{\"sessionId\":\"s-1\",\"storageMode\":\"Azure\"}");
    sim.addSession("{\"sessionId\":\"s_2\",\"sessionStatus\":\"Active\"}");

    Simulator.Answer answer = sim.poll("s_2", "unknown", "s-1", "s-1");

    assertThat(answer.status()).isEqualTo(200);
    JsonNode sessions = answer.json().get("sessions");
    assertThat(sessions.size()).isEqualTo(2);
    JsonNode active = sessions.get(0);
    assertThat(active.get("sessionId").asString()).isEqualTo("s_2");
    assertThat(active.get("sessionStatus").asString()).isEqualTo("Active");
    assertThat(active.get("recordingStatus").isNull()).isTrue();
    JsonNode closed = sessions.get(1);
    assertThat(closed.get("sessionId").asString()).isEqualTo("s-1");
    assertThat(closed.get("sessionStatus").asString()).isEqualTo("Closed");
    assertThat(closed.get("recordingStatus").asString()).isEqualTo("Recorded");
    assertThat(closed.get("storageMode").asString()).isEqualTo("Azure");
  }

  @Test
  void followsStatusUpdates() {
    sim.addSession("{\"sessionId\":\"s1\"}");
    sim.setStatus("s1", "Processing", "enc-1");

    JsonNode session = sim.poll("s1").json().get("sessions").get(0);

    assertThat(session.get("recordingStatus").asString()).isEqualTo("Processing");
    assertThat(session.get("storageMode").asString()).isEqualTo("AWS");
  }

  @Test
  void emptyOrUnknownBatchGivesEmptyList() {
    assertThat(sim.poll().json().get("sessions").size()).isZero();
    assertThat(sim.poll("nobody").json().get("sessions").size()).isZero();
  }

  @Test
  void malformedBodyIsABadRequest() {
    assertThat(sim.api("POST", Simulator.POLLING, "{\"sessionIds\":").status()).isEqualTo(400);
    assertThat(sim.api("POST", Simulator.POLLING, "{}").status()).isEqualTo(400);
  }
}
