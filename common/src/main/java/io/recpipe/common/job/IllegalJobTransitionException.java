package io.recpipe.common.job;

import io.recpipe.common.session.SessionId;

/** A job was asked to make a move its state machine does not allow. */
public class IllegalJobTransitionException extends IllegalStateException {

  public IllegalJobTransitionException(SessionId sessionId, JobState from, JobState to) {
    super("Illegal job transition. session: %s, from: %s, to: %s".formatted(sessionId, from, to));
  }
}
