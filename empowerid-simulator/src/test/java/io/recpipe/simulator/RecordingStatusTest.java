package io.recpipe.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class RecordingStatusTest {

  private final Simulator sim = Simulator.shared();

  @BeforeEach
  void reset() {
    sim.reset();
    sim.addSession("{\"sessionId\":\"s1\"}");
  }

  @Test
  void updateIsKeptInTheHistory() {
    String body =
        "{\"recordingStatus\":\"Processing\",\"processInstance\":\"enc-1\",\"detail\":\"attempt 1"
            + " of 3\"}";
    Simulator.Answer answer =
        sim.api("PUT", "/api/services/v1/secureaccessgateway/sessions/s1/recording-status", body);

    assertThat(answer.status()).isEqualTo(204);
    JsonNode session = sim.send("GET", "/sessions/s1", null, java.util.Map.of()).json();
    assertThat(session.get("recordingStatus").asString()).isEqualTo("Processing");
    assertThat(session.get("owner").asString()).isEqualTo("enc-1");
    JsonNode change = session.get("history").get(0);
    assertThat(change.get("recordingStatus").asString()).isEqualTo("Processing");
    assertThat(change.get("processInstance").asString()).isEqualTo("enc-1");
    assertThat(change.get("detail").asString()).isEqualTo("attempt 1 of 3");
    assertThat(change.get("at").asString()).isEqualTo(sim.clock.instant().toString());
  }

  @Test
  void unknownOrUnsafeSessionIsNotFound() {
    assertThat(sim.setStatus("nobody", "Processing", "enc-1").status()).isEqualTo(404);
    assertThat(sim.setStatus("a%20b", "Processing", "enc-1").status()).isEqualTo(404);
  }

  @Test
  void anotherInstanceConflictsWhileTheOwnerWorks() {
    assertThat(sim.setStatus("s1", "Processing", "enc-1").status()).isEqualTo(204);

    assertThat(sim.setStatus("s1", "Processing", "enc-2").status()).isEqualTo(409);
    assertThat(sim.setStatus("s1", "Processed", "enc-2").status()).isEqualTo(409);
    JsonNode session = sim.send("GET", "/sessions/s1", null, java.util.Map.of()).json();
    assertThat(session.get("history").size()).isEqualTo(1);
    assertThat(session.get("owner").asString()).isEqualTo("enc-1");
  }

  @Test
  void repeatingTheSameUpdateIsHarmless() {
    assertThat(sim.setStatus("s1", "Processing", "enc-1").status()).isEqualTo(204);
    assertThat(sim.setStatus("s1", "Processing", "enc-1").status()).isEqualTo(204);
    assertThat(sim.setStatus("s1", "Processed", "enc-1").status()).isEqualTo(204);
    assertThat(sim.setStatus("s1", "Processed", "enc-1").status()).isEqualTo(204);
  }

  @Test
  void aFinalWordReleasesTheSessionForTheNextStep() {
    sim.setStatus("s1", "Processing", "enc-1");
    sim.setStatus("s1", "Processed", "enc-1");

    assertThat(sim.setStatus("s1", "Uploading", "upl-1").status()).isEqualTo(204);
    assertThat(sim.setStatus("s1", "Uploading", "upl-2").status()).isEqualTo(409);
    assertThat(sim.setStatus("s1", "UploadFailed", "upl-1").status()).isEqualTo(204);
    assertThat(sim.setStatus("s1", "Uploading", "upl-2").status()).isEqualTo(204);
    assertThat(sim.setStatus("s1", "Uploaded", "upl-2").status()).isEqualTo(204);

    JsonNode session = sim.send("GET", "/sessions/s1", null, java.util.Map.of()).json();
    assertThat(session.get("recordingStatus").asString()).isEqualTo("Uploaded");
    assertThat(session.get("owner").isNull()).isTrue();
    assertThat(session.get("history").size()).isEqualTo(6);
  }

  @Test
  void missingFieldsOrUnknownWordAreBadRequests() {
    String path = "/api/services/v1/secureaccessgateway/sessions/s1/recording-status";
    assertThat(sim.api("PUT", path, "{\"recordingStatus\":\"Processing\"}").status())
        .isEqualTo(400);
    assertThat(sim.setStatus("s1", "Encoding", "enc-1").status()).isEqualTo(400);
    assertThat(sim.api("PUT", path, "not json").status()).isEqualTo(400);
  }
}
