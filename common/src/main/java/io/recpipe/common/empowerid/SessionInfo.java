package io.recpipe.common.empowerid;

import io.recpipe.common.session.SessionId;
import java.util.Optional;

/**
 * One session as the polling call reports it.
 *
 * @param recordingStatus the recording step, or {@code null} when nothing is recorded or the word
 *     is not one of the configured words
 * @param rawRecordingStatus the word EmpowerID sent, for logs ({@code null} when absent)
 * @param storageMode where the video goes, or {@code null} when not set or not understood
 */
public record SessionInfo(
    SessionId sessionId,
    SessionStatus sessionStatus,
    RecordingStep recordingStatus,
    String rawRecordingStatus,
    StorageMode storageMode) {

  public Optional<RecordingStep> recording() {
    return Optional.ofNullable(recordingStatus);
  }

  public Optional<StorageMode> storage() {
    return Optional.ofNullable(storageMode);
  }
}
