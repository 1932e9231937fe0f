package io.recpipe.uploader.store;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The exactly-once rules shared by every store: look before writing, never overwrite, keep a
 * different object beside the existing one. Adapters supply a conditional {@link #upload} that
 * fails with {@link AlreadyStoredException} when the key was taken meanwhile.
 */
public abstract class WriteOnceVideoStore implements VideoStore {

  private static final Logger log = LoggerFactory.getLogger(WriteOnceVideoStore.class);

  /**
   * Uploads to a key that was free a moment ago and verifies the result server-side.
   *
   * @throws AlreadyStoredException when the key is taken (the write-once condition failed)
   */
  protected abstract StoredObject upload(Path mp4, ObjectKey key, Metadata metadata);

  @Override
  public final StoredObject put(Path mp4, ObjectKey key, Metadata metadata) {
    if (!Files.isRegularFile(mp4)) {
      throw VideoStoreException.transientFailure("No file to upload: " + mp4, null);
    }
    StoredObject stored = putOnce(mp4, key, metadata);
    if (stored.outcome() != StoredObject.Outcome.CONFLICT) {
      return stored;
    }
    log.warn(
        "Different content already stored under the key: ours kept beside it. session: {},"
            + " key: {}, ours: {}, store: {}",
        metadata.sessionId(),
        key,
        stored.key(),
        name());
    return stored;
  }

  private StoredObject putOnce(Path mp4, ObjectKey key, Metadata metadata) {
    Optional<StoredObject> existing = find(key);
    if (existing.isEmpty()) {
      try {
        return upload(mp4, key, metadata);
      } catch (AlreadyStoredException raced) {
        existing = find(key);
        if (existing.isEmpty()) {
          throw VideoStoreException.transientFailure("Key taken but not found: " + key, raced);
        }
      }
    }
    if (existing.get().sameContentAs(metadata)) {
      return existing.get().withOutcome(StoredObject.Outcome.ALREADY_PRESENT);
    }
    ObjectKey beside = key.conflictKey(metadata.sha256());
    Optional<StoredObject> earlier = find(beside);
    if (earlier.isPresent()) {
      if (earlier.get().sameContentAs(metadata)) {
        return earlier.get().withOutcome(StoredObject.Outcome.CONFLICT);
      }
      throw VideoStoreException.transientFailure(
          "Conflict key holds yet another content: " + beside, null);
    }
    try {
      return upload(mp4, beside, metadata).withOutcome(StoredObject.Outcome.CONFLICT);
    } catch (AlreadyStoredException raced) {
      throw VideoStoreException.transientFailure("Conflict key taken meanwhile: " + beside, raced);
    }
  }

  /** The write-once condition failed: something is stored under the key. */
  protected static final class AlreadyStoredException extends RuntimeException {
    public AlreadyStoredException(ObjectKey key, Throwable cause) {
      super("Already stored: " + key, cause);
    }
  }
}
