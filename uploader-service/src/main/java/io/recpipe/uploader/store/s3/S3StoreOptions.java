package io.recpipe.uploader.store.s3;

/**
 * What {@link S3VideoStore} needs beyond its client.
 *
 * @param multipartThreshold files of at least this many bytes go up in parts
 * @param partSize bytes per part (at least 5 MiB for AWS)
 */
public record S3StoreOptions(
    String bucket, Encryption sse, String kmsKeyId, long multipartThreshold, long partSize) {

  /** Server-side encryption of stored objects. */
  public enum Encryption {
    NONE,
    S3,
    KMS
  }
}
