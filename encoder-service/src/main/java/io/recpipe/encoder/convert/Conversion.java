package io.recpipe.encoder.convert;

import java.time.Duration;

/**
 * The result of a successful conversion.
 *
 * @param sessionDuration the session's length as the recording tells it (last minus first
 *     timestamp)
 * @param videoDuration the MP4's duration as ffprobe reads it
 * @param frames the number of video frames written
 * @param partial whether the recording was cut short (converted up to its last complete
 *     instruction)
 * @param bytesIgnored how many bytes at the end of a cut-short recording were not converted
 */
public record Conversion(
    Duration sessionDuration,
    Duration videoDuration,
    long frames,
    boolean partial,
    long bytesIgnored) {}
