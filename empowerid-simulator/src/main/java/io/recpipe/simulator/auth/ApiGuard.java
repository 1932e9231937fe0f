package io.recpipe.simulator.auth;

import io.recpipe.simulator.SimulatorProperties;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.HandlerInterceptor;

/** Lets a contract call through only with the API key header and a valid bearer token. */
@Component
class ApiGuard implements HandlerInterceptor {

  static final String API_KEY_HEADER = "X-EmpowerID-API-Key";
  private static final String BEARER = "Bearer ";

  private final TokenIssuer issuer;
  private final String apiKey;

  ApiGuard(TokenIssuer issuer, SimulatorProperties properties) {
    this.issuer = issuer;
    this.apiKey = properties.apiKey();
  }

  @Override
  public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler)
      throws IOException {
    if (!apiKey.equals(request.getHeader(API_KEY_HEADER))) {
      return refuse(response, "invalid_api_key");
    }
    String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
    if (authorization == null
        || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
      return refuse(response, "missing_bearer_token");
    }
    if (!issuer.isValid(authorization.substring(BEARER.length()).trim())) {
      return refuse(response, "invalid_token");
    }
    return true;
  }

  private static boolean refuse(HttpServletResponse response, String code) throws IOException {
    response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
    response.setContentType(MediaType.APPLICATION_JSON_VALUE);
    response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer error=\"" + code + "\"");
    response
        .getOutputStream()
        .write(("{\"error\":\"" + code + "\"}").getBytes(StandardCharsets.UTF_8));
    return false;
  }
}
