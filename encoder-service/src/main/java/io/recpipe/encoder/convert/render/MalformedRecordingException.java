package io.recpipe.encoder.convert.render;

/** The recording holds bytes that are not the Guacamole protocol. */
final class MalformedRecordingException extends Exception {

  private final long offset;

  MalformedRecordingException(String reason, long offset) {
    super(reason + " at byte offset " + offset);
    this.offset = offset;
  }

  long offset() {
    return offset;
  }
}
