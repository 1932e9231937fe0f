package io.recpipe.common.job;

/** How the work on one claimed job ended in a run (for summaries and metrics). */
public enum Outcome {
  /** Done: the result is stored and the job completed. */
  DONE,
  /** The attempt failed; the job waits for its next attempt. */
  RETRY,
  /** Given up on: the job failed for good. */
  FAILED,
  /** Put back without using an attempt, waiting for something outside the recording. */
  WAITING,
  /** Another process instance or deployment takes care of it; the job was dropped. */
  DROPPED,
  /** The job was taken over by another instance meanwhile (this one's lease had run out). */
  LOST
}
