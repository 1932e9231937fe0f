package io.recpipe.encoder.recording;

import io.recpipe.common.session.SessionId;
import java.nio.file.Path;

/**
 * A recording file in the recordings directory, named {@code <sessionId>.guac} or {@code
 * <sessionId>}.
 */
public record Recording(SessionId sessionId, Path file, long size) {}
