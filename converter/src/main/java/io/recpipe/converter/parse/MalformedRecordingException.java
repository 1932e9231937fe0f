package io.recpipe.converter.parse;

/** The recording holds bytes that are not the Guacamole protocol. */
public final class MalformedRecordingException extends Exception {

  private final long offset;

  public MalformedRecordingException(String reason, long offset) {
    super(reason + " at byte offset " + offset);
    this.offset = offset;
  }

  public long offset() {
    return offset;
  }
}
