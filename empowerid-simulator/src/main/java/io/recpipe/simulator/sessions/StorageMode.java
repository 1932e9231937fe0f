package io.recpipe.simulator.sessions;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Optional;

/** Where a session's video is to be stored, with the word the contract sends. */
public enum StorageMode {
  AWS("AWS"),
  AZURE("Azure"),
  FILE("File");

  private final String wire;

  StorageMode(String wire) {
    this.wire = wire;
  }

  @JsonValue
  public String wire() {
    return wire;
  }

  /** Reads a wire word in any case; empty when it is none of ours. */
  public static Optional<StorageMode> fromWire(String word) {
    return Arrays.stream(values()).filter(m -> m.wire.equalsIgnoreCase(word)).findFirst();
  }
}
