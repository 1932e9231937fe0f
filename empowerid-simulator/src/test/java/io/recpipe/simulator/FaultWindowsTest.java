package io.recpipe.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Faults that last a while (durationMs, on the simulator's clock) and faults on the token call. */
class FaultWindowsTest {

  private static final Map<String, String> CLIENT =
      Map.of(
          "grant_type", "client_credentials",
          "client_id", "recpipe",
          "client_secret", "sim-client-secret");
  private static final String BATCH = "{\"sessionIds\":[\"s1\"]}";

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

  /** A polling call with a token taken before, so the token endpoint plays no part. */
  private int pollWith(String token) {
    return sim.send(
            "POST",
            Simulator.POLLING,
            BATCH,
            Map.of("X-EmpowerID-API-Key", Simulator.API_KEY, "Authorization", "Bearer " + token))
        .status();
  }

  private int tokenStatus() {
    return sim.token(Simulator.API_KEY, CLIENT).status();
  }

  @Test
  void outageWindowHitsEveryCallUntilItCloses() {
    Simulator.Answer armed = arm("{\"status\":503,\"durationMs\":300000}");
    assertThat(armed.status()).isEqualTo(201);
    assertThat(armed.json().get("remaining").isNull()).isTrue();
    assertThat(armed.json().get("remainingMs").asLong()).isEqualTo(300_000);
    assertThat(armed.json().get("spec").get("target").asString()).isEqualTo("contract");

    for (int i = 0; i < 5; i++) {
      assertThat(sim.poll("s1").status()).isEqualTo(503);
    }
    assertThat(sim.setStatus("s1", "Processing", "enc-1").status()).isEqualTo(503);
    sim.clock.advance(Duration.ofSeconds(299));
    assertThat(sim.poll("s1").status()).isEqualTo(503);
    assertThat(sim.get("/faults").get(0).get("remainingMs").asLong()).isEqualTo(1000);

    sim.clock.advance(Duration.ofSeconds(1));

    assertThat(sim.poll("s1").status()).isEqualTo(200);
    assertThat(sim.setStatus("s1", "Processing", "enc-1").status()).isEqualTo(204);
    assertThat(sim.get("/faults").size()).isZero();
  }

  @Test
  void countAndWindowEndAtWhicheverRunsOutFirst() {
    arm("{\"status\":503,\"count\":2,\"durationMs\":60000}");
    assertThat(sim.poll("s1").status()).isEqualTo(503);
    JsonNode left = sim.get("/faults").get(0);
    assertThat(left.get("remaining").asInt()).isEqualTo(1);
    assertThat(left.get("remainingMs").asLong()).isEqualTo(60_000);
    assertThat(sim.poll("s1").status()).isEqualTo(503);
    assertThat(sim.poll("s1").status()).isEqualTo(200);

    arm("{\"status\":502,\"count\":100,\"durationMs\":60000}");
    assertThat(sim.poll("s1").status()).isEqualTo(502);
    sim.clock.advance(Duration.ofSeconds(60));
    assertThat(sim.poll("s1").status()).isEqualTo(200);
    assertThat(sim.get("/faults").size()).isZero();
  }

  @Test
  void conflictWindowAnswersEveryStatusUpdateWith409() {
    arm("{\"conflict\":true,\"durationMs\":60000}");

    for (String id : new String[] {"s1", "s2", "s1", "s1"}) {
      assertThat(sim.setStatus(id, "Processing", "enc-1").status()).isEqualTo(409);
    }
    assertThat(sim.poll("s1").status()).isEqualTo(200);
    sim.clock.advance(Duration.ofSeconds(60));
    assertThat(sim.setStatus("s1", "Processing", "enc-1").status()).isEqualTo(204);
  }

  @Test
  void conflictWindowForOneSessionSparesTheOthers() {
    arm("{\"conflict\":true,\"durationMs\":60000,\"sessionId\":\"s2\"}");

    assertThat(sim.setStatus("s2", "Processing", "enc-1").status()).isEqualTo(409);
    assertThat(sim.setStatus("s2", "Processing", "enc-1").status()).isEqualTo(409);
    assertThat(sim.setStatus("s1", "Processing", "enc-1").status()).isEqualTo(204);
    assertThat(sim.get("/sessions/s2").get("history").size()).isZero();
  }

  @Test
  void tokenTargetFailsOnlyTheTokenCall() {
    String token = sim.bearer();
    arm("{\"status\":401,\"durationMs\":20000,\"target\":\"token\"}");

    assertThat(tokenStatus()).isEqualTo(401);
    assertThat(tokenStatus()).isEqualTo(401);
    assertThat(pollWith(token)).isEqualTo(200);

    sim.clock.advance(Duration.ofSeconds(20));
    assertThat(tokenStatus()).isEqualTo(200);
  }

  @Test
  void contractTargetSparesTheTokenCall() {
    String token = sim.bearer();
    arm("{\"status\":503,\"durationMs\":30000,\"target\":\"contract\"}");

    assertThat(tokenStatus()).isEqualTo(200);
    assertThat(pollWith(token)).isEqualTo(503);
  }

  @Test
  void allTargetFailsTokenAndContractCalls() {
    String token = sim.bearer();
    arm("{\"status\":503,\"durationMs\":30000,\"target\":\"all\"}");

    assertThat(tokenStatus()).isEqualTo(503);
    assertThat(pollWith(token)).isEqualTo(503);
    assertThat(sim.get("/faults").get(0).get("spec").get("target").asString()).isEqualTo("all");

    sim.clock.advance(Duration.ofSeconds(30));
    assertThat(tokenStatus()).isEqualTo(200);
    assertThat(pollWith(token)).isEqualTo(200);
  }

  @Test
  void refusesMeaninglessWindowsAndTargets() {
    assertThat(arm("{\"status\":503,\"durationMs\":0}").status()).isEqualTo(400);
    assertThat(arm("{\"status\":503,\"durationMs\":1800001}").status()).isEqualTo(400);
    assertThat(arm("{\"status\":503,\"target\":\"nope\"}").status()).isEqualTo(400);
    assertThat(arm("{\"conflict\":true,\"target\":\"token\"}").status()).isEqualTo(400);
    assertThat(arm("{\"status\":503,\"sessionId\":\"s1\",\"target\":\"token\"}").status())
        .isEqualTo(400);
    assertThat(sim.get("/faults").size()).isZero();
  }
}
