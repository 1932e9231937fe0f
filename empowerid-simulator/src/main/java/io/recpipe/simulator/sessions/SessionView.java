package io.recpipe.simulator.sessions;

import java.time.Instant;
import java.util.List;

/**
 * A snapshot of one session: what polling reports, who owns it now, and every update it received.
 *
 * @param owner the process instance whose step is under way, or {@code null} when anyone may act
 * @param lastReported when the last accepted update (a heartbeat included) arrived, {@code null}
 *     before the first; an owner quiet for the owner time-out may be taken over
 * @param source how the simulator learned of it: {@code api} or {@code watch-dir}
 */
public record SessionView(
    String sessionId,
    SessionStatus sessionStatus,
    String recordingStatus,
    StorageMode storageMode,
    String owner,
    Instant lastReported,
    String source,
    Instant createdAt,
    List<StatusChange> history) {}
