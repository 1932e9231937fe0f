package io.recpipe.encoder.convert;

import java.nio.file.Path;

/**
 * Turns one Guacamole session recording into an H.264 MP4. The port the process job depends on;
 * implementations are {@code NativeConverter} (the default) and {@code GuacencConverter}.
 *
 * <p>An implementation writes {@code mp4} completely or not at all as far as callers can tell: on
 * failure it removes what it wrote and throws {@link ConversionException}. It never moves or
 * deletes {@code guac}.
 */
public interface RecordingConverter {

  /**
   * Converts {@code guac} into {@code mp4}.
   *
   * @return what was made; a recording that was cut short converts up to its last complete
   *     instruction and comes back with {@link Conversion#partial()} set, not as a failure
   * @throws ConversionException on failure, saying whether trying again may help
   */
  Conversion convert(Path guac, Path mp4);

  /** A short name for logs and metrics, e.g. {@code native} or {@code guacenc}. */
  String name();
}
