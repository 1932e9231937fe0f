package io.recpipe.uploader.upload;

import io.recpipe.uploader.scan.Mp4File;
import io.recpipe.uploader.store.ContentType;

/**
 * A file the encoder wrote beside a session's MP4 before publishing it ({@code <id>.vtt}, {@code
 * <id>.jpg}), as a look saw it: a regular file, no link followed. {@link Mp4File} holds the look
 * (file key, size, modification time), so its read is checked like the MP4's.
 */
public record Sidecar(ContentType type, Mp4File file) {

  /** The sidecar types, in the order they are stored (all before the MP4). */
  static final java.util.List<ContentType> TYPES =
      java.util.List.of(ContentType.WEBVTT, ContentType.JPEG);
}
