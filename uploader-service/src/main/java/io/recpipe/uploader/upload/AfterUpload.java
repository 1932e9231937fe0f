package io.recpipe.uploader.upload;

/** What happens to the local MP4 once it is stored and EmpowerID has "Uploaded". */
public enum AfterUpload {
  DELETE,
  KEEP,
  /** Moved to {@code uploader.done-dir}. */
  MOVE
}
