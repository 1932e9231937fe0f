package io.recpipe.uploader.store;

/**
 * A store failed. Transient failures (connection lost, 5xx, a checksum that did not match) may
 * succeed on a later try and count as an attempt. Permanent failures are the store's own
 * configuration (bad credentials, missing bucket, container or directory): no retry of a recording
 * fixes them, so they take health DOWN and release the job without burning an attempt.
 */
public class VideoStoreException extends RuntimeException {

  private final boolean transientFailure;

  private VideoStoreException(String message, boolean transientFailure, Throwable cause) {
    super(message, cause);
    this.transientFailure = transientFailure;
  }

  public static VideoStoreException transientFailure(String message, Throwable cause) {
    return new VideoStoreException(message, true, cause);
  }

  public static VideoStoreException permanent(String message, Throwable cause) {
    return new VideoStoreException(message, false, cause);
  }

  public boolean isTransient() {
    return transientFailure;
  }
}
