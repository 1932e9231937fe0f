package io.recpipe.simulator.auth;

import io.recpipe.simulator.SimulatorProperties;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/** Issues opaque bearer tokens and knows which are still valid. */
@Component
class TokenIssuer {

  private final SecureRandom random = new SecureRandom();
  private final Map<String, Instant> expiries = new ConcurrentHashMap<>();
  private final Clock clock;
  private final Duration lifetime;

  TokenIssuer(Clock clock, SimulatorProperties properties) {
    this.clock = clock;
    this.lifetime = properties.tokenLifetime();
  }

  record Issued(String token, Duration lifetime) {}

  Issued issue() {
    Instant now = Instant.now(clock);
    expiries.values().removeIf(expiry -> !expiry.isAfter(now));
    byte[] bytes = new byte[32];
    random.nextBytes(bytes);
    String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    expiries.put(token, now.plus(lifetime));
    return new Issued(token, lifetime);
  }

  boolean isValid(String token) {
    Instant expiry = token == null ? null : expiries.get(token);
    return expiry != null && Instant.now(clock).isBefore(expiry);
  }

  /** Forgets every token, so the next call of each client gets a 401 and must renew. */
  void revokeAll() {
    expiries.clear();
  }
}
