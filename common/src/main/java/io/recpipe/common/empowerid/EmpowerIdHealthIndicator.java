package io.recpipe.common.empowerid;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * EmpowerID's health as the client sees it, without calling it: UP while the circuit is closed and
 * a token was obtained (or no call was made yet), DOWN with the last error while the circuit is
 * open, while no token could be obtained or while EmpowerID refuses our credentials or permission
 * (until a call succeeds again), UNKNOWN while a trial call is pending. The last error is one of
 * the client's own messages, which never hold a secret.
 */
public class EmpowerIdHealthIndicator implements HealthIndicator {

  private final HttpEmpowerIdClient client;

  public EmpowerIdHealthIndicator(HttpEmpowerIdClient client) {
    this.client = client;
  }

  @Override
  public Health health() {
    var s = client.snapshot();
    Health.Builder builder =
        switch (s.circuit()) {
          case OPEN -> Health.down();
          case HALF_OPEN -> Health.unknown();
          case CLOSED ->
              !s.refused() && (s.tokenObtained() || !s.anyCallMade()) ? Health.up() : Health.down();
        };
    builder
        .withDetail("circuit", s.circuit().name())
        .withDetail("tokenObtained", s.tokenObtained())
        .withDetail("credentialsRefused", s.refused())
        .withDetail("processInstance", client.processInstance());
    if (s.lastError() != null) {
      builder.withDetail("lastError", s.lastError());
    }
    return builder.build();
  }
}
