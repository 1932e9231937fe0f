package io.recpipe.simulator.faults;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;

/**
 * The calls a fault hits: the contract's API calls (polling and recording status updates), the
 * OAuth token endpoint, or both. A call itself is {@link #CONTRACT} or {@link #TOKEN}.
 */
public enum FaultTarget {
  CONTRACT("contract"),
  TOKEN("token"),
  ALL("all");

  private final String wire;

  FaultTarget(String wire) {
    this.wire = wire;
  }

  @JsonValue
  public String wire() {
    return wire;
  }

  /** Reads a wire word in any case; an unknown one makes the request a bad one. */
  @JsonCreator
  public static FaultTarget fromWire(String word) {
    return Arrays.stream(values())
        .filter(t -> t.wire.equalsIgnoreCase(word))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("target must be contract, token or all"));
  }

  /** Whether a fault with this target hits {@code call}, a contract call or a token call. */
  boolean covers(FaultTarget call) {
    return this == ALL || this == call;
  }
}
