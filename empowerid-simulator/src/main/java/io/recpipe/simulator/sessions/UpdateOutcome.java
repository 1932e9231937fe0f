package io.recpipe.simulator.sessions;

/** What became of a recording status update. */
public sealed interface UpdateOutcome {

  record Updated(SessionView session) implements UpdateOutcome {}

  record Unknown() implements UpdateOutcome {}

  /** Another process instance owns the session and has reported within the owner time-out. */
  record Conflict(String owner) implements UpdateOutcome {}
}
