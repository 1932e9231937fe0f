package io.recpipe.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.UncheckedIOException;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class FaultsTest {

  private final Simulator sim = Simulator.shared();

  @BeforeEach
  void reset() {
    sim.reset();
    sim.addSession("{\"sessionId\":\"s1\"}");
    sim.addSession("{\"sessionId\":\"s2\"}");
  }

  private Simulator.Answer arm(String json) {
    return sim.send("POST", "/faults", json, Map.of());
  }

  @Test
  void statusFaultHitsTheNextCallsThenServiceResumes() {
    assertThat(arm("{\"status\":503,\"count\":3}").status()).isEqualTo(201);

    assertThat(sim.poll("s1").status()).isEqualTo(503);
    assertThat(sim.setStatus("s1", "Processing", "enc-1").status()).isEqualTo(503);
    assertThat(sim.poll("s1").status()).isEqualTo(503);
    assertThat(sim.poll("s1").status()).isEqualTo(200);
    assertThat(sim.get("/sessions/s1").get("history").size()).isZero();
  }

  @Test
  void outageAnswersBeforeAuthentication() {
    arm("{\"status\":500}");

    Simulator.Answer answer = sim.send("POST", Simulator.POLLING, "{\"sessionIds\":[]}", Map.of());

    assertThat(answer.status()).isEqualTo(500);
  }

  @Test
  void tokenEndpointIsNotHitByFaults() {
    arm("{\"status\":503}");

    sim.bearer();

    assertThat(sim.get("/faults").get(0).get("remaining").asInt()).isEqualTo(1);
  }

  @Test
  void delayFaultMakesAnImpatientClientTimeOutThenAnswersNormally() {
    arm("{\"delayMs\":3000,\"count\":1}");
    Map<String, String> headers =
        Map.of("X-EmpowerID-API-Key", Simulator.API_KEY, "Authorization", "Bearer " + sim.bearer());

    assertThatThrownBy(
            () ->
                sim.send(
                    "POST",
                    Simulator.POLLING,
                    "{\"sessionIds\":[\"s1\"]}",
                    headers,
                    Duration.ofMillis(300)))
        .isInstanceOf(UncheckedIOException.class)
        .hasCauseInstanceOf(HttpTimeoutException.class);
    assertThat(sim.get("/faults").size()).isZero();
    assertThat(sim.poll("s1").status()).isEqualTo(200);
  }

  @Test
  void conflictFaultHitsOnlyItsSessionsStatusUpdates() {
    arm("{\"conflict\":true,\"sessionId\":\"s2\"}");

    assertThat(sim.poll("s2").status()).isEqualTo(200);
    assertThat(sim.setStatus("s1", "Processing", "enc-1").status()).isEqualTo(204);
    assertThat(sim.setStatus("s2", "Processing", "enc-1").status()).isEqualTo(409);
    assertThat(sim.setStatus("s2", "Processing", "enc-1").status()).isEqualTo(204);
  }

  @Test
  void deleteClearsEveryFault() {
    arm("{\"status\":503,\"count\":5}");
    arm("{\"conflict\":true}");
    assertThat(sim.get("/faults").size()).isEqualTo(2);

    assertThat(sim.send("DELETE", "/faults", null, Map.of()).status()).isEqualTo(204);

    assertThat(sim.poll("s1").status()).isEqualTo(200);
    assertThat(sim.setStatus("s1", "Processing", "enc-1").status()).isEqualTo(204);
  }

  @Test
  void refusesMeaninglessFaults() {
    assertThat(arm("{}").status()).isEqualTo(400);
    assertThat(arm("{\"status\":200}").status()).isEqualTo(400);
    assertThat(arm("{\"status\":503,\"count\":0}").status()).isEqualTo(400);
    assertThat(arm("{\"status\":503,\"conflict\":true}").status()).isEqualTo(400);
    assertThat(arm("{\"delayMs\":-1}").status()).isEqualTo(400);
    assertThat(sim.get("/faults").size()).isZero();
  }
}
