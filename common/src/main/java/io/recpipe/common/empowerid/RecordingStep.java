package io.recpipe.common.empowerid;

/**
 * The steps of a recording's life that EmpowerID is told about. The words sent on the wire are
 * settings ({@code empowerid.status-words}), so a tenant using EmpowerID's stage names can map
 * them.
 */
public enum RecordingStep {
  /** Recorded, waiting for the encoder. Seed word {@code Recorded}, stage {@code Ended}. */
  RECORDED,
  /** The encoder works on it. Seed word {@code Processing}, stage {@code Encoding}. */
  PROCESSING,
  /** The MP4 is ready for the uploader. Seed word {@code Processed}, stage {@code Done-Encoded}. */
  PROCESSED,
  /** The encoder gave up. Seed word {@code ProcessingFailed}. */
  PROCESSING_FAILED,
  /** The uploader works on it. Seed word {@code Uploading}, stage {@code Uploading}. */
  UPLOADING,
  /** Stored in cloud storage. Seed word {@code Uploaded}, stage {@code Done-Uploaded}. */
  UPLOADED,
  /** The uploader gave up. Seed word {@code UploadFailed}. */
  UPLOAD_FAILED
}
