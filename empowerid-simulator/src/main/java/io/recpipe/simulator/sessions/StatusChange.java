package io.recpipe.simulator.sessions;

import java.time.Instant;

/** One recording status update as a session's history keeps it. */
public record StatusChange(
    String recordingStatus, String processInstance, String detail, Instant at) {}
