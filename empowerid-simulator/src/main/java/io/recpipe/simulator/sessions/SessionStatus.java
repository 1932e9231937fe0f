package io.recpipe.simulator.sessions;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Optional;

/** A gateway session's state, with the word the contract sends. */
public enum SessionStatus {
  ACTIVE("Active"),
  CLOSED("Closed"),
  TERMINATED("Terminated");

  private final String wire;

  SessionStatus(String wire) {
    this.wire = wire;
  }

  @JsonValue
  public String wire() {
    return wire;
  }

  /** Reads a wire word in any case; empty when it is none of ours. */
  public static Optional<SessionStatus> fromWire(String word) {
    return Arrays.stream(values()).filter(s -> s.wire.equalsIgnoreCase(word)).findFirst();
  }
}
