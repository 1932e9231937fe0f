package io.recpipe.converter.render;

import io.recpipe.converter.parse.Instruction;
import java.util.Map;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counts instructions that were skipped because they were out of range or oversized, warning once
 * per kind so a broken recording cannot flood the log.
 */
final class Anomalies {

  private static final Logger log = LoggerFactory.getLogger(Anomalies.class);

  private final Map<String, Long> counts = new TreeMap<>();

  void report(String kind, Instruction instruction) {
    long n = counts.merge(kind, 1L, Long::sum);
    if (n == 1) {
      log.warn(
          "Recording instruction skipped. reason: {}, opcode: {}, offset: {} (later ones of this"
              + " kind are only counted)",
          kind,
          instruction == null ? "-" : instruction.opcode(),
          instruction == null ? -1 : instruction.offset());
    }
  }

  long count(String kind) {
    return counts.getOrDefault(kind, 0L);
  }

  long total() {
    return counts.values().stream().mapToLong(Long::longValue).sum();
  }

  Map<String, Long> counts() {
    return Map.copyOf(counts);
  }
}
