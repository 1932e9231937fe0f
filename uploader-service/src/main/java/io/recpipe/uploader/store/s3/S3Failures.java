package io.recpipe.uploader.store.s3;

import io.recpipe.uploader.store.VideoStoreException;
import java.util.concurrent.CompletionException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/** Translates AWS SDK failures into transient or permanent {@link VideoStoreException}s. */
final class S3Failures {

  private S3Failures() {}

  static boolean isNotFound(Throwable e) {
    Throwable cause = unwrap(e);
    return cause instanceof NoSuchKeyException
        || (cause instanceof S3Exception s3 && s3.statusCode() == 404);
  }

  /**
   * Whether a write's {@code If-None-Match: *} failed: 412 Precondition Failed (the key holds an
   * object), or 409 ConditionalRequestConflict (another conditional write on the key is in flight).
   */
  static boolean isKeyTaken(Throwable e) {
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      if (cause instanceof S3Exception s3) {
        String code = s3.awsErrorDetails() == null ? null : s3.awsErrorDetails().errorCode();
        return s3.statusCode() == 412
            || (s3.statusCode() == 409 && "ConditionalRequestConflict".equals(code));
      }
    }
    return false;
  }

  /**
   * @param bucketCall whether the call was about the bucket itself, so a 404 means it is missing
   */
  static VideoStoreException translate(
      String action, String what, Throwable e, boolean bucketCall) {
    Throwable cause = unwrap(e);
    if (cause instanceof VideoStoreException translated) {
      return translated;
    }
    String message = "S3 " + action + " failed: " + what;
    if (cause instanceof S3Exception s3) {
      String code = s3.awsErrorDetails() == null ? null : s3.awsErrorDetails().errorCode();
      message += ", status " + s3.statusCode() + ", code " + code;
      boolean bucketMissing = "NoSuchBucket".equals(code) || (bucketCall && s3.statusCode() == 404);
      if (s3.statusCode() == 401 || s3.statusCode() == 403 || bucketMissing) {
        return VideoStoreException.permanent(message, cause);
      }
      return VideoStoreException.transientFailure(message, cause);
    }
    if (cause instanceof SdkClientException client
        && client.getMessage() != null
        && client.getMessage().contains("Unable to load credentials")) {
      return VideoStoreException.permanent(message + ", no credentials", cause);
    }
    return VideoStoreException.transientFailure(message, cause);
  }

  private static Throwable unwrap(Throwable e) {
    Throwable cause = e;
    while (cause instanceof CompletionException && cause.getCause() != null) {
      cause = cause.getCause();
    }
    return cause;
  }
}
