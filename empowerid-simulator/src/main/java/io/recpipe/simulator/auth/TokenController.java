package io.recpipe.simulator.auth;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.recpipe.simulator.SimulatorProperties;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The token endpoint (client credentials grant), and a way to revoke every token issued. */
@RestController
class TokenController {

  private static final Logger log = LoggerFactory.getLogger(TokenController.class);

  private final TokenIssuer issuer;
  private final SimulatorProperties properties;

  TokenController(TokenIssuer issuer, SimulatorProperties properties) {
    this.issuer = issuer;
    this.properties = properties;
  }

  record TokenResponse(
      @JsonProperty("access_token") String accessToken,
      @JsonProperty("token_type") String tokenType,
      @JsonProperty("expires_in") long expiresIn) {}

  @PostMapping(
      path = "${simulator.paths.token}",
      consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
  ResponseEntity<?> token(
      @RequestHeader(name = ApiGuard.API_KEY_HEADER, required = false) String apiKey,
      @RequestParam Map<String, String> form) {
    if (!properties.apiKey().equals(apiKey)) {
      log.info("Token refused: missing or wrong API key.");
      return error(HttpStatus.UNAUTHORIZED, "invalid_api_key");
    }
    if (!"client_credentials".equals(form.get("grant_type"))) {
      return error(HttpStatus.BAD_REQUEST, "unsupported_grant_type");
    }
    if (!properties.clientId().equals(form.get("client_id"))
        || !properties.clientSecret().equals(form.get("client_secret"))) {
      log.info("Token refused: wrong client credentials. client: {}", form.get("client_id"));
      return error(HttpStatus.UNAUTHORIZED, "invalid_client");
    }
    TokenIssuer.Issued issued = issuer.issue();
    log.debug("Token issued. lifetime: {}", issued.lifetime());
    return ResponseEntity.ok(
        new TokenResponse(issued.token(), "Bearer", issued.lifetime().toSeconds()));
  }

  @DeleteMapping("/tokens")
  ResponseEntity<Void> revokeAll() {
    issuer.revokeAll();
    log.info("All tokens revoked.");
    return ResponseEntity.noContent().build();
  }

  private static ResponseEntity<Map<String, String>> error(HttpStatus status, String code) {
    return ResponseEntity.status(status).body(Map.of("error", code));
  }
}
