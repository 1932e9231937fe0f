package io.recpipe.uploader.store;

/**
 * What a stored file is: the encoder's MP4 and the sidecars it may write beside it before it
 * publishes the MP4 ({@code <id>.vtt}, a WebVTT keystroke track; {@code <id>.jpg}, a poster contact
 * sheet). Each is stored under the MP4's key with its own extension and sent with its MIME type.
 */
public enum ContentType {
  MP4("video/mp4", "mp4"),
  WEBVTT("text/vtt", "vtt"),
  JPEG("image/jpeg", "jpg");

  private final String mimeType;
  private final String extension;

  ContentType(String mimeType, String extension) {
    this.mimeType = mimeType;
    this.extension = extension;
  }

  public String mimeType() {
    return mimeType;
  }

  /** The file name extension, without the dot. */
  public String extension() {
    return extension;
  }
}
