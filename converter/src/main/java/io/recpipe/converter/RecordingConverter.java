package io.recpipe.converter;

import java.nio.file.Path;

/**
 * Turns one Guacamole session recording into an H.264 MP4. The port the process job depends on;
 * implementations are {@code NativeConverter} (the default) and {@code GuacencConverter}.
 *
 * <p>An implementation writes {@code mp4} completely or not at all as far as callers can tell: on
 * failure it removes what it wrote and throws {@link ConversionException}. It never moves or
 * deletes {@code guac}. When {@code mp4} is a partial file ({@link PartialOutput}), it writes
 * straight into it and every work file it makes beside it is a partial file of the same final name
 * and instance, so clean-up by that name finds whatever a killed conversion left.
 *
 * <p>When the converting thread is interrupted, the conversion stops: its child processes are
 * killed with their children, its output removed, and a (transient) {@link ConversionException} is
 * thrown with the thread's interrupt flag still set.
 */
public interface RecordingConverter {

  /**
   * Converts {@code guac} into {@code mp4}, telling {@code progress} how far it got.
   *
   * @return what was made; a recording that was cut short converts up to its last complete
   *     instruction, and one with damaged parts converts without them (where the converter can
   *     tell), and comes back with {@link Conversion#partial()} set, not as a failure
   * @throws ConversionException on failure, saying whether trying again may help
   */
  Conversion convert(Path guac, Path mp4, ConversionProgress progress);

  /** As {@link #convert(Path, Path, ConversionProgress)}, with nobody hearing the progress. */
  default Conversion convert(Path guac, Path mp4) {
    return convert(guac, mp4, ConversionProgress.NONE);
  }

  /** A short name for logs and metrics, e.g. {@code native} or {@code guacenc}. */
  String name();
}
