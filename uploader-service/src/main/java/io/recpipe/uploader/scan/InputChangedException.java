package io.recpipe.uploader.scan;

import io.recpipe.common.session.SessionId;

/**
 * A session's MP4 is not, or no longer, the regular file the listing saw: nothing of it was, or may
 * be, uploaded. An expected outcome of a shared input directory, not a failure of the recording:
 * the next scan lists what is there now.
 */
public final class InputChangedException extends Exception {

  /** What was found instead of the listed file. */
  public enum Reason {
    /** No file of that name any more. */
    MISSING,
    /** A symbolic link, directory, FIFO or device: never read. */
    NOT_REGULAR,
    /** Another file under the same name (another file key: renamed over, or replaced). */
    REPLACED,
    /** The same file, changed (size or modification time) or still being written. */
    MODIFIED
  }

  private final SessionId sessionId;
  private final Reason reason;
  private final String detail;

  public InputChangedException(SessionId sessionId, Reason reason, String detail) {
    super("Input changed; skipped. session: " + sessionId + ", reason: " + reason + ", " + detail);
    this.sessionId = sessionId;
    this.reason = reason;
    this.detail = detail;
  }

  public SessionId sessionId() {
    return sessionId;
  }

  public Reason reason() {
    return reason;
  }

  /** What was found, as {@code key: value} pairs for a log line. */
  public String detail() {
    return detail;
  }
}
