package io.recpipe.common.empowerid;

import java.util.Map;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

/**
 * Sends one HTTP request to EmpowerID and returns its answer whatever the status; time-outs and
 * connection errors become transient {@link EmpowerIdException}s. Adds the API key header to every
 * request. Never puts the key, the token or a body into a message.
 */
final class EmpowerIdHttp {

  static final String API_KEY_HEADER = "X-EmpowerID-API-Key";

  private final RestClient rest;
  private final String apiKey;
  private final EmpowerIdMetrics metrics;

  EmpowerIdHttp(RestClient rest, String apiKey, EmpowerIdMetrics metrics) {
    this.rest = rest;
    this.apiKey = apiKey;
    this.metrics = metrics;
  }

  /**
   * Sends a request.
   *
   * @param bearer the access token, or null for the token request itself
   */
  WireResponse send(
      String operation,
      HttpMethod method,
      String pathTemplate,
      Map<String, ?> uriVariables,
      MediaType contentType,
      byte[] body,
      String bearer) {
    try {
      WireResponse response =
          rest.method(method)
              .uri(pathTemplate, uriVariables)
              .headers(
                  h -> {
                    h.set(API_KEY_HEADER, apiKey);
                    h.setAccept(java.util.List.of(MediaType.APPLICATION_JSON));
                    if (bearer != null) {
                      h.setBearerAuth(bearer);
                    }
                  })
              .contentType(contentType)
              .body(body)
              .exchange(
                  (request, answer) ->
                      new WireResponse(
                          answer.getStatusCode().value(), answer.getBody().readAllBytes()),
                  true);
      metrics.call(operation, EmpowerIdMetrics.outcomeOf(response.status()));
      return response;
    } catch (ResourceAccessException e) {
      metrics.call(operation, "io-error");
      throw new EmpowerIdException(
          "EmpowerID could not be reached. operation: " + operation + ", error: " + rootOf(e),
          true,
          e);
    } catch (RestClientException e) {
      metrics.call(operation, "client-error");
      throw new EmpowerIdException(
          "EmpowerID call could not be made. operation: " + operation + ", error: " + rootOf(e),
          false,
          e);
    }
  }

  private static String rootOf(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root.getClass().getSimpleName()
        + (root.getMessage() == null ? "" : " " + root.getMessage());
  }
}
