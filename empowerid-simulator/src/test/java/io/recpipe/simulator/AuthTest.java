package io.recpipe.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AuthTest {

  private static final Map<String, String> GOOD_CLIENT =
      Map.of(
          "grant_type", "client_credentials",
          "client_id", "recpipe",
          "client_secret", "sim-client-secret");

  private final Simulator sim = Simulator.shared();

  @BeforeEach
  void reset() {
    sim.reset();
    sim.addSession("{\"sessionId\":\"a1\"}");
  }

  @Test
  void issuesBearerTokenWithConfiguredLifetime() {
    Simulator.Answer answer = sim.token(Simulator.API_KEY, GOOD_CLIENT);

    assertThat(answer.status()).isEqualTo(200);
    assertThat(answer.json().get("token_type").asString()).isEqualTo("Bearer");
    assertThat(answer.json().get("expires_in").asLong()).isEqualTo(3600);
    assertThat(answer.json().get("access_token").asString()).hasSizeGreaterThan(20);
  }

  @Test
  void refusesTokenWithoutOrWithWrongApiKey() {
    assertThat(sim.token(null, GOOD_CLIENT).status()).isEqualTo(401);
    assertThat(sim.token("wrong", GOOD_CLIENT).status()).isEqualTo(401);
  }

  @Test
  void refusesWrongClientAndUnknownGrant() {
    Map<String, String> wrongSecret =
        Map.of("grant_type", "client_credentials", "client_id", "recpipe", "client_secret", "nope");
    Map<String, String> password =
        Map.of("grant_type", "password", "client_id", "recpipe", "client_secret", "x");

    assertThat(sim.token(Simulator.API_KEY, wrongSecret).status()).isEqualTo(401);
    assertThat(sim.token(Simulator.API_KEY, wrongSecret).body()).contains("invalid_client");
    assertThat(sim.token(Simulator.API_KEY, password).status()).isEqualTo(400);
  }

  @Test
  void apiCallsNeedBothApiKeyAndBearerToken() {
    String body = "{\"sessionIds\":[\"a1\"]}";
    String token = sim.bearer();

    Simulator.Answer noKey =
        sim.send("POST", Simulator.POLLING, body, Map.of("Authorization", "Bearer " + token));
    Simulator.Answer noToken =
        sim.send("POST", Simulator.POLLING, body, Map.of("X-EmpowerID-API-Key", Simulator.API_KEY));
    Simulator.Answer madeUpToken =
        sim.send(
            "POST",
            Simulator.POLLING,
            body,
            Map.of("X-EmpowerID-API-Key", Simulator.API_KEY, "Authorization", "Bearer made-up"));
    Simulator.Answer both =
        sim.send(
            "POST",
            Simulator.POLLING,
            body,
            Map.of("X-EmpowerID-API-Key", Simulator.API_KEY, "Authorization", "Bearer " + token));

    assertThat(noKey.status()).isEqualTo(401);
    assertThat(noToken.status()).isEqualTo(401);
    assertThat(madeUpToken.status()).isEqualTo(401);
    assertThat(both.status()).isEqualTo(200);
  }

  @Test
  void tokenStopsWorkingWhenItExpiresAndARenewedOneWorks() {
    String token = sim.bearer();
    Map<String, String> headers =
        Map.of("X-EmpowerID-API-Key", Simulator.API_KEY, "Authorization", "Bearer " + token);
    String body = "{\"sessionIds\":[\"a1\"]}";
    assertThat(sim.send("POST", Simulator.POLLING, body, headers).status()).isEqualTo(200);

    sim.clock.advance(Duration.ofSeconds(3600));

    assertThat(sim.send("POST", Simulator.POLLING, body, headers).status()).isEqualTo(401);
    assertThat(sim.poll("a1").status()).isEqualTo(200);
  }

  @Test
  void revokingTokensForcesRenewal() {
    String token = sim.bearer();
    Map<String, String> headers =
        Map.of("X-EmpowerID-API-Key", Simulator.API_KEY, "Authorization", "Bearer " + token);

    assertThat(sim.send("DELETE", "/tokens", null, Map.of()).status()).isEqualTo(204);

    assertThat(sim.send("POST", Simulator.POLLING, "{\"sessionIds\":[\"a1\"]}", headers).status())
        .isEqualTo(401);
    assertThat(sim.poll("a1").status()).isEqualTo(200);
  }
}
