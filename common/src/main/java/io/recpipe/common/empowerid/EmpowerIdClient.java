package io.recpipe.common.empowerid;

import io.recpipe.common.session.SessionId;
import java.util.Collection;
import java.util.Map;

/**
 * The EmpowerID Secure Access Gateway API as the services use it ({@code
 * shared/docs/empowerid-api.md}). Implementations retry transient failures with capped backoff,
 * renew tokens, and keep a circuit: while it is open, {@link #isAvailable()} is false and calls
 * fail fast with a transient {@link EmpowerIdException}.
 */
public interface EmpowerIdClient {

  /**
   * Asks for the status of the given sessions, split into batches of the configured size. Sessions
   * EmpowerID does not know are absent from the result.
   *
   * @throws EmpowerIdException when a batch fails after retries
   */
  Map<SessionId, SessionInfo> poll(Collection<SessionId> sessionIds);

  /**
   * Sets a session's recording status, naming this process instance as its owner.
   *
   * @param detail a short human-readable detail (e.g. {@code attempt 2 of 3}), may be null
   * @throws EmpowerIdException when the call fails after retries, or with a permanent 4xx
   */
  StatusUpdate updateRecordingStatus(SessionId sessionId, RecordingStep step, String detail);

  /** False while the circuit is open: scheduled jobs skip their run. */
  boolean isAvailable();
}
