package io.recpipe.simulator.sessions;

/** What became of a recording status update. */
public sealed interface UpdateOutcome {

  record Updated(SessionView session) implements UpdateOutcome {}

  record Unknown() implements UpdateOutcome {}

  /** Another process instance owns the session until it sets a final word. */
  record Conflict(String owner) implements UpdateOutcome {}
}
