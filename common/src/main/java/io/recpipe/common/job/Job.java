package io.recpipe.common.job;

import io.recpipe.common.session.SessionId;
import java.time.Instant;

/**
 * One recording's job as stored.
 *
 * @param attempts attempts used so far: counted when claimed (so a crash still uses one up) and
 *     given back when the job is put back for a reason outside the recording
 * @param nextAttemptAt when a {@code RETRY_WAIT} or {@code WAITING} job is due, else null
 * @param owner the process instance holding a {@code RUNNING} job (kept afterwards, for logs)
 * @param leaseUntil until when the owner's claim holds; after it the job may be reclaimed
 * @param detail free text the service keeps with the job (e.g. the storage mode)
 * @param pendingStatus a status EmpowerID must still be told (cleared once it has been)
 * @param version bumped by every write; claims and moves are conditional on it
 * @param waitReason why a {@code WAITING} job waits; null otherwise
 * @param waits put-backs in a row without a real attempt (drives their backoff)
 * @param announcedBy the instance whose non-final word EmpowerID last took for this session (so a
 *     later 409 is a takeover to wait out, not a session to drop); null before any
 * @param resultDetail what the finished work said of its result (e.g. the damaged ranges a
 *     conversion skipped), sent to EmpowerID with the success status; null when nothing
 */
public record Job(
    SessionId sessionId,
    JobState state,
    int attempts,
    Instant nextAttemptAt,
    String lastError,
    String owner,
    Instant leaseUntil,
    String detail,
    String pendingStatus,
    long version,
    Instant createdAt,
    Instant updatedAt,
    WaitReason waitReason,
    int waits,
    String announcedBy,
    String resultDetail) {

  /** Whether {@code owner} holds this job right now. */
  public boolean heldBy(String candidate) {
    return state == JobState.RUNNING && candidate.equals(owner);
  }
}
