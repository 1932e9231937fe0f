package io.recpipe.simulator.faults;

import java.util.ArrayList;
import java.util.List;

/**
 * A fault to inject into the next matching calls, or into every matching call for a while.
 * Examples: {@code {"status":503,"count":3}}, {@code {"delayMs":2000,"count":2}}, {@code
 * {"conflict":true,"sessionId":"s1"}}, an outage {@code {"status":503,"durationMs":300000}}, a
 * revoked client secret {@code {"status":401,"durationMs":20000,"target":"token"}}.
 *
 * @param status answer this HTTP status instead of serving the call (400..599)
 * @param delayMs wait this long before answering (combines with the others)
 * @param conflict answer {@code 409} to recording status updates
 * @param sessionId only calls about this session (status updates); {@code null} for every call
 * @param count how many calls the fault hits; {@code null} means 1, or no limit with a window
 * @param durationMs the fault hits every matching call for this long from when it is armed; with a
 *     count too, it ends at whichever runs out first
 * @param target which calls it hits; {@code null} means {@link FaultTarget#CONTRACT}
 */
public record FaultSpec(
    Integer status,
    Long delayMs,
    Boolean conflict,
    String sessionId,
    Integer count,
    Long durationMs,
    FaultTarget target) {

  static final long MAX_DELAY_MS = 120_000;
  static final long MAX_DURATION_MS = 1_800_000;

  public FaultSpec {
    target = target == null ? FaultTarget.CONTRACT : target;
  }

  /** The reasons this spec cannot be used, empty when it is fine. */
  public List<String> problems() {
    List<String> problems = new ArrayList<>();
    boolean isConflict = isConflict();
    if (status == null && delayMs == null && !isConflict) {
      problems.add("a fault needs status, delayMs or conflict");
    }
    if (status != null && (status < 400 || status > 599)) {
      problems.add("status must be within 400..599");
    }
    if (status != null && isConflict) {
      problems.add("status and conflict exclude each other");
    }
    if (delayMs != null && (delayMs < 0 || delayMs > MAX_DELAY_MS)) {
      problems.add("delayMs must be within 0.." + MAX_DELAY_MS);
    }
    if (count != null && count < 1) {
      problems.add("count must be at least 1");
    }
    if (durationMs != null && (durationMs < 1 || durationMs > MAX_DURATION_MS)) {
      problems.add("durationMs must be within 1.." + MAX_DURATION_MS);
    }
    if (target == FaultTarget.TOKEN && (isConflict || sessionId != null)) {
      problems.add("conflict and sessionId concern status updates, not target token");
    }
    return problems;
  }

  boolean isConflict() {
    return Boolean.TRUE.equals(conflict);
  }

  /** How many calls the fault hits, {@code null} when only its window limits it. */
  Integer times() {
    if (count != null) {
      return count;
    }
    return durationMs == null ? 1 : null;
  }

  /**
   * Whether the fault hits a call.
   *
   * @param call {@link FaultTarget#CONTRACT} or {@link FaultTarget#TOKEN}
   * @param session the session a status update is about, {@code null} for other calls
   */
  boolean hits(FaultTarget call, String session) {
    if (!target.covers(call) || (isConflict() && session == null)) {
      return false;
    }
    return sessionId == null || sessionId.equals(session);
  }
}
