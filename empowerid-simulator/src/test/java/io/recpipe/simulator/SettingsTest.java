package io.recpipe.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import io.recpipe.simulator.watch.DirectoryWatch;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * One simulator started with non-default settings: the stage-name word mapping, another polling
 * path, Azure by default, a watched folder, a shorter owner time-out and a fault armed from
 * start-up.
 */
class SettingsTest {

  private static final String POLLING = "/tenant/polling";
  @TempDir static Path folder;
  private static Simulator sim;

  @BeforeAll
  static void start() {
    sim =
        Simulator.start(
            "simulator.watch-dir=" + folder,
            "simulator.watch-interval=1h",
            "simulator.default-storage-mode=Azure",
            "simulator.owner-timeout=2m",
            "simulator.paths.polling=" + POLLING,
            "simulator.words.recorded=Ended",
            "simulator.words.processing=Encoding",
            "simulator.words.processed=Done-Encoded",
            "simulator.faults[0].status=502",
            "simulator.faults[0].count=1");
  }

  @AfterAll
  static void stop() {
    sim.close();
  }

  private Simulator.Answer poll(String id) {
    return sim.api("POST", POLLING, "{\"sessionIds\":[\"" + id + "\"]}");
  }

  @Test
  void startupFaultThenConfiguredPathAndWords() {
    sim.addSession("{\"sessionId\":\"t1\"}");

    assertThat(poll("t1").status()).isEqualTo(502);
    JsonNode session = poll("t1").json().get("sessions").get(0);
    assertThat(session.get("recordingStatus").asString()).isEqualTo("Ended");
    assertThat(session.get("storageMode").asString()).isEqualTo("Azure");
    assertThat(sim.api("POST", Simulator.POLLING, "{\"sessionIds\":[]}").status()).isEqualTo(404);

    assertThat(sim.setStatus("t1", "Processing", "enc-1").status()).isEqualTo(400);
    assertThat(sim.setStatus("t1", "Encoding", "enc-1").status()).isEqualTo(204);
    assertThat(sim.setStatus("t1", "Done-Encoded", "enc-1").status()).isEqualTo(204);
    assertThat(sim.setStatus("t1", "Uploading", "upl-1").status()).isEqualTo(204);

    sim.clock.advance(Duration.ofSeconds(119));
    assertThat(sim.setStatus("t1", "Uploading", "upl-2").status()).isEqualTo(409);
    sim.clock.advance(Duration.ofSeconds(1));
    assertThat(sim.setStatus("t1", "Uploading", "upl-2").status()).isEqualTo(204);
  }

  @Test
  void recordingsInTheWatchedFolderBecomeClosedSessions() throws IOException {
    for (String name :
        new String[] {"w1.guac", "w2", "bad name.guac", "w3.mp4", "semi;colon", ".guac"}) {
      Files.writeString(folder.resolve(name), "x");
    }
    Files.createDirectory(folder.resolve("w4"));
    DirectoryWatch watch = sim.bean(DirectoryWatch.class);

    assertThat(watch.runOnce()).isEqualTo(2);
    assertThat(watch.runOnce()).isZero();

    JsonNode w1 = sim.get("/sessions/w1");
    assertThat(w1.get("sessionStatus").asString()).isEqualTo("Closed");
    assertThat(w1.get("recordingStatus").asString()).isEqualTo("Ended");
    assertThat(w1.get("storageMode").asString()).isEqualTo("Azure");
    assertThat(w1.get("source").asString()).isEqualTo("watch-dir");
    assertThat(sim.get("/sessions/w2").get("sessionId").asString()).isEqualTo("w2");
    for (String absent : new String[] {"w3", "w4", "bad", "semi"}) {
      assertThat(sim.send("GET", "/sessions/" + absent, null, Map.of()).status()).isEqualTo(404);
    }
    assertThat(Files.exists(folder.resolve("w1.guac"))).isTrue();
  }

  @Test
  void healthIsUp() {
    JsonNode health = sim.get("/actuator/health");

    assertThat(health.get("status").asString()).isEqualTo("UP");
  }
}
