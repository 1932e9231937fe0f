package io.recpipe.common.empowerid;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The client's meters: {@code empowerid.calls} counts HTTP exchanges (and refused calls) by {@code
 * operation} and {@code outcome}; {@code empowerid.circuit.state} is 0 closed, 1 half-open, 2 open.
 */
final class EmpowerIdMetrics {

  static final String CALLS = "empowerid.calls";
  static final String CIRCUIT_STATE = "empowerid.circuit.state";

  private final MeterRegistry registry;

  EmpowerIdMetrics(MeterRegistry registry, CircuitBreaker circuit) {
    this.registry = registry;
    Gauge.builder(CIRCUIT_STATE, circuit, c -> c.state().level())
        .description("EmpowerID circuit state: 0 closed, 1 half-open, 2 open")
        .register(registry);
  }

  void call(String operation, String outcome) {
    Counter.builder(CALLS)
        .description("Calls to EmpowerID by operation and outcome")
        .tag("operation", operation)
        .tag("outcome", outcome)
        .register(registry)
        .increment();
  }

  /** The outcome tag of an HTTP status. */
  static String outcomeOf(int status) {
    if (status >= 200 && status < 300) {
      return "success";
    }
    return switch (status) {
      case 401 -> "unauthorized";
      case 404 -> "not-found";
      case 409 -> "conflict";
      default -> status >= 500 ? "server-error" : "client-error";
    };
  }
}
