package io.recpipe.encoder.queue;

/** How the processing of one claimed job ended. */
public enum Outcome {
  /** The MP4 is stored and the job is done. */
  CONVERTED,
  /** The attempt failed; the job waits for its next attempt. */
  RETRY,
  /** Given up on: the job failed for good and the recording is quarantined. */
  FAILED,
  /** Another process instance owns the session; the job was dropped. */
  DROPPED,
  /** Given back without using an attempt (EmpowerID unreachable). */
  RELEASED,
  /** The job was taken over by another instance meanwhile (its lease had expired). */
  LOST
}
