package io.recpipe.converter;

/**
 * A conversion failed. A permanent failure (garbage input, no picture at all) will fail again on
 * retry; a transient one (time-out, ffmpeg crashed, disk full) may not.
 */
public class ConversionException extends RuntimeException {

  private final boolean permanent;

  public ConversionException(String message, boolean permanent, Throwable cause) {
    super(message, cause);
    this.permanent = permanent;
  }

  public ConversionException(String message, boolean permanent) {
    this(message, permanent, null);
  }

  public boolean isPermanent() {
    return permanent;
  }
}
