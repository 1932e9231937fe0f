package io.recpipe.uploader.upload;

import io.recpipe.common.session.SessionId;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The encoder's MP4s ({@code <recordings-dir>/<sessionId>.mp4}) and what becomes of one once it is
 * stored and EmpowerID has "Uploaded": deleted, kept, or moved to the done directory.
 */
public class LocalFiles {

  private static final Logger log = LoggerFactory.getLogger(LocalFiles.class);

  private final Path recordingsDir;
  private final AfterUpload afterUpload;
  private final Path doneDir;

  public LocalFiles(Path recordingsDir, AfterUpload afterUpload, Path doneDir) {
    this.recordingsDir = recordingsDir;
    this.afterUpload = afterUpload;
    this.doneDir = doneDir;
  }

  /** The MP4 of a session (a safe id, so never outside the directory). */
  public Path mp4(SessionId sessionId) {
    return recordingsDir.resolve(sessionId.value() + ".mp4");
  }

  public Path recordingsDir() {
    return recordingsDir;
  }

  /** Deletes, keeps or moves an uploaded MP4; a failure is logged and the file stays. */
  public void handleUploaded(SessionId sessionId) {
    Path mp4 = mp4(sessionId);
    if (!Files.exists(mp4)) {
      return;
    }
    try {
      switch (afterUpload) {
        case KEEP -> {}
        case DELETE -> {
          Files.delete(mp4);
          log.info("Local MP4 removed after upload. session: {}", sessionId);
        }
        case MOVE -> {
          Files.createDirectories(doneDir);
          Files.move(mp4, doneDir.resolve(mp4.getFileName()), StandardCopyOption.REPLACE_EXISTING);
          log.info("Local MP4 moved after upload. session: {}, to: {}", sessionId, doneDir);
        }
      }
    } catch (IOException e) {
      log.warn(
          "Uploaded MP4 not handled; it stays. session: {}, action: {}", sessionId, afterUpload, e);
    }
  }
}
