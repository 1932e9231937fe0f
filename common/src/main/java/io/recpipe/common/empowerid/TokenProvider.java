package io.recpipe.common.empowerid;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Obtains and caches the OAuth access token (client-credentials grant). A cached token is used
 * until {@code skew} before it expires. Thread-safe: readers see the cached token without locking;
 * fetching is serialized so parallel callers wait for one request instead of each sending one.
 */
final class TokenProvider {

  private static final Logger log = LoggerFactory.getLogger(TokenProvider.class);
  private static final long DEFAULT_LIFETIME_SECONDS = 3600;

  private record Token(String value, Instant renewAt) {}

  private final EmpowerIdHttp http;
  private final String tokenPath;
  private final byte[] form;
  private final Duration skew;
  private final Clock clock;
  private final JsonMapper json;

  private volatile Token cached;
  private volatile boolean everObtained;

  TokenProvider(
      EmpowerIdHttp http, EmpowerIdProperties props, Duration skew, Clock clock, JsonMapper json) {
    this.http = http;
    this.tokenPath = props.tokenPath();
    this.form =
        ("grant_type=client_credentials&client_id="
                + encode(props.clientId())
                + "&client_secret="
                + encode(props.clientSecret()))
            .getBytes(StandardCharsets.UTF_8);
    this.skew = skew;
    this.clock = clock;
    this.json = json;
  }

  /** A token that is not about to expire, fetched when needed. */
  String token() {
    Token current = cached;
    if (current != null && clock.instant().isBefore(current.renewAt())) {
      return current.value();
    }
    synchronized (this) {
      current = cached;
      if (current != null && clock.instant().isBefore(current.renewAt())) {
        return current.value();
      }
      return fetch("expired or absent");
    }
  }

  /**
   * A new token after EmpowerID refused {@code rejected}; when another thread has already renewed
   * it, that newer token is returned without another request.
   */
  synchronized String renewAfterRejection(String rejected) {
    Token current = cached;
    if (current != null && !current.value().equals(rejected)) {
      return current.value();
    }
    return fetch("refused with 401");
  }

  boolean everObtained() {
    return everObtained;
  }

  private String fetch(String reason) {
    cached = null;
    WireResponse response =
        http.send(
            "token",
            HttpMethod.POST,
            tokenPath,
            Map.of(),
            MediaType.APPLICATION_FORM_URLENCODED,
            form,
            null);
    if (response.isServerError()) {
      throw new EmpowerIdException(
          "EmpowerID token endpoint failed. status: " + response.status(), true);
    }
    if (!response.isSuccess()) {
      throw new EmpowerIdException(
          "EmpowerID refused the client credentials. status: " + response.status(),
          response.status(),
          true);
    }
    Token token = parse(response.body());
    cached = token;
    everObtained = true;
    log.debug("EmpowerID access token obtained. reason: {}, renewAt: {}", reason, token.renewAt());
    return token.value();
  }

  private Token parse(byte[] body) {
    JsonNode node;
    try {
      node = json.readTree(body);
    } catch (JacksonException e) {
      throw new EmpowerIdException("EmpowerID token answer is not JSON.", false);
    }
    JsonNode value = node == null ? null : node.get("access_token");
    if (value == null || !value.isString() || value.asString().isBlank()) {
      throw new EmpowerIdException("EmpowerID token answer has no access_token.", false);
    }
    JsonNode expiresIn = node.get("expires_in");
    long lifetime =
        expiresIn != null && expiresIn.canConvertToLong() && expiresIn.asLong() > 0
            ? expiresIn.asLong()
            : DEFAULT_LIFETIME_SECONDS;
    // Renew skew before expiry, or half-way through a lifetime shorter than twice the skew.
    long renewAfter = Math.max(lifetime - skew.toSeconds(), lifetime / 2);
    return new Token(value.asString(), clock.instant().plusSeconds(renewAfter));
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
