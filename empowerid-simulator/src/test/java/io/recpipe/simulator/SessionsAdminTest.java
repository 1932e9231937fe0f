package io.recpipe.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class SessionsAdminTest {

  private final Simulator sim = Simulator.shared();

  @BeforeEach
  void reset() {
    sim.reset();
  }

  @Test
  void newSessionIsClosedAndRecordedWithDefaultStorage() {
    Simulator.Answer created = sim.addSession("{\"sessionId\":\"n1\"}");

    assertThat(created.status()).isEqualTo(201);
    JsonNode session = created.json();
    assertThat(session.get("sessionStatus").asString()).isEqualTo("Closed");
    assertThat(session.get("recordingStatus").asString()).isEqualTo("Recorded");
    assertThat(session.get("storageMode").asString()).isEqualTo("AWS");
    assertThat(session.get("source").asString()).isEqualTo("api");
  }

  @Test
  void knownSessionCanBeClosedLaterKeepingItsHistory() {
    sim.addSession("{\"sessionId\":\"n1\",\"sessionStatus\":\"Active\",\"storageMode\":\"file\"}");
    assertThat(sim.get("/sessions/n1").get("recordingStatus").isNull()).isTrue();

    Simulator.Answer again =
        sim.addSession("{\"sessionId\":\"n1\",\"sessionStatus\":\"Terminated\"}");

    assertThat(again.status()).isEqualTo(200);
    JsonNode session = sim.get("/sessions/n1");
    assertThat(session.get("sessionStatus").asString()).isEqualTo("Terminated");
    assertThat(session.get("recordingStatus").asString()).isEqualTo("Recorded");
  }

  @Test
  void listsEverySessionWithItsHistory() {
    sim.addSession("{\"sessionId\":\"n1\"}");
    sim.addSession("{\"sessionId\":\"n2\"}");
    sim.setStatus("n2", "Processing", "enc-1");

    JsonNode all = sim.get("/sessions");

    assertThat(all.size()).isEqualTo(2);
    assertThat(all.get(0).get("sessionId").asString()).isEqualTo("n1");
    assertThat(all.get(0).get("history").size()).isZero();
    assertThat(all.get(1).get("history").get(0).get("processInstance").asString())
        .isEqualTo("enc-1");
  }

  @Test
  void refusesUnsafeIdsAndUnknownWords() {
    assertThat(sim.addSession("{\"sessionId\":\"../x\"}").status()).isEqualTo(400);
    assertThat(sim.addSession("{\"sessionId\":\"a b\"}").status()).isEqualTo(400);
    assertThat(sim.addSession("{\"sessionId\":\"x".repeat(1) + "y".repeat(130) + "\"}").status())
        .isEqualTo(400);
    assertThat(sim.addSession("{}").status()).isEqualTo(400);
    assertThat(sim.addSession("{\"sessionId\":\"ok\",\"storageMode\":\"GCS\"}").status())
        .isEqualTo(400);
    assertThat(sim.addSession("{\"sessionId\":\"ok\",\"sessionStatus\":\"Gone\"}").status())
        .isEqualTo(400);
    assertThat(sim.get("/sessions").size()).isZero();
  }

  @Test
  void unknownSessionIsNotFound() {
    assertThat(sim.send("GET", "/sessions/nobody", null, Map.of()).status()).isEqualTo(404);
  }
}
