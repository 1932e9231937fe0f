package io.recpipe.common.empowerid;

import java.util.Map;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;

/**
 * Runs one logical EmpowerID call: asks the circuit for permission, adds the bearer token, renews
 * the token once and repeats once after a 401, turns a 5xx into a transient failure, tells the
 * circuit the outcome, and retries transient failures with backoff. Logs a call given up on once.
 */
final class EmpowerIdCalls {

  /** What the health indicator needs; never holds a secret. */
  record Snapshot(
      CircuitBreaker.State circuit,
      boolean anyCallMade,
      boolean tokenObtained,
      String lastError,
      boolean refused) {}

  private static final Logger log = LoggerFactory.getLogger(EmpowerIdCalls.class);

  private final EmpowerIdHttp http;
  private final TokenProvider tokens;
  private final CircuitBreaker circuit;
  private final Retrier retrier;
  private final EmpowerIdMetrics metrics;

  private volatile boolean anyCallMade;
  private volatile String lastError;
  private volatile boolean refused;

  EmpowerIdCalls(
      EmpowerIdHttp http,
      TokenProvider tokens,
      CircuitBreaker circuit,
      Retrier retrier,
      EmpowerIdMetrics metrics) {
    this.http = http;
    this.tokens = tokens;
    this.circuit = circuit;
    this.retrier = retrier;
    this.metrics = metrics;
  }

  /**
   * Sends a JSON request and returns any answer that is not a 5xx; the caller reads the status.
   *
   * @param path a path template, expanded with {@code uriVariables}
   */
  WireResponse call(
      String operation,
      HttpMethod method,
      String path,
      Map<String, ?> uriVariables,
      byte[] jsonBody) {
    return call(
        operation,
        token ->
            http.send(
                operation,
                method,
                path,
                uriVariables,
                MediaType.APPLICATION_JSON,
                jsonBody,
                token));
  }

  private WireResponse call(String operation, Function<String, WireResponse> send) {
    anyCallMade = true;
    try {
      return retrier.call(operation, () -> attempt(operation, send));
    } catch (EmpowerIdException e) {
      throw failed(operation, e);
    }
  }

  /**
   * Notes and logs (once) a failure of {@code operation}, including an answer the caller could not
   * use, and returns it for throwing. An open circuit was logged when it opened.
   */
  EmpowerIdException failed(String operation, EmpowerIdException e) {
    lastError = e.getMessage();
    refused = e.isAuthRefusal();
    if (!(e instanceof CircuitOpenException)) {
      log.warn(
          "EmpowerID call failed. operation: {}, transient: {}", operation, e.isTransient(), e);
    }
    return e;
  }

  private WireResponse attempt(String operation, Function<String, WireResponse> send) {
    if (!circuit.tryAcquire()) {
      metrics.call(operation, "circuit-open");
      throw new CircuitOpenException(
          "EmpowerID circuit is open, call not made. operation: " + operation);
    }
    try {
      WireResponse response = authorized(operation, send);
      if (response.isServerError()) {
        throw new EmpowerIdException(
            "EmpowerID answered with a server error. operation: "
                + operation
                + ", status: "
                + response.status(),
            true);
      }
      circuit.onSuccess();
      lastError = null;
      if (response.isSuccess()) {
        refused = false;
      }
      return response;
    } catch (EmpowerIdException e) {
      if (e.isTransient()) {
        circuit.onTransientFailure();
      } else {
        // EmpowerID answered, so it is reachable: a refusal does not count against the circuit.
        circuit.onSuccess();
      }
      throw e;
    } catch (RuntimeException | Error e) {
      circuit.release();
      throw e;
    }
  }

  private WireResponse authorized(String operation, Function<String, WireResponse> send) {
    String token = tokens.token();
    WireResponse response = send.apply(token);
    if (response.status() != 401) {
      return response;
    }
    log.info("EmpowerID refused the access token, renewing it once. operation: {}", operation);
    String renewed = tokens.renewAfterRejection(token);
    response = send.apply(renewed);
    if (response.status() == 401) {
      throw new EmpowerIdException(
          "EmpowerID refused a freshly renewed access token. operation: " + operation, 401, true);
    }
    return response;
  }

  /** Counts an answer that came back (and was counted as such) but could not be read. */
  void countMalformed(String operation) {
    metrics.call(operation, "malformed");
  }

  CircuitBreaker circuit() {
    return circuit;
  }

  Snapshot snapshot() {
    return new Snapshot(circuit.state(), anyCallMade, tokens.everObtained(), lastError, refused);
  }
}
