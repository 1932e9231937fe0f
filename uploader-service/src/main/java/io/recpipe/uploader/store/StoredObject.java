package io.recpipe.uploader.store;

/**
 * An object in a store.
 *
 * @param key where it is (the conflict key when {@code outcome} is {@link Outcome#CONFLICT})
 * @param sha256 its SHA-256 (lowercase hex) as the store records it, or {@code null} if unknown
 * @param size its length in bytes
 * @param outcome what {@link VideoStore#put} did; {@link Outcome#FOUND} from {@link
 *     VideoStore#find}
 */
public record StoredObject(ObjectKey key, String sha256, long size, Outcome outcome) {

  /** What a put did. */
  public enum Outcome {
    /** Uploaded and verified now. */
    UPLOADED,
    /** The same content was already stored under the key: nothing uploaded. */
    ALREADY_PRESENT,
    /** Different content holds the key: ours is stored beside it under the conflict key. */
    CONFLICT,
    /** Returned by find. */
    FOUND
  }

  public boolean conflict() {
    return outcome == Outcome.CONFLICT;
  }

  public StoredObject withOutcome(Outcome newOutcome) {
    return new StoredObject(key, sha256, size, newOutcome);
  }

  public boolean sameContentAs(Metadata metadata) {
    return metadata.sha256().equals(sha256) && metadata.size() == size;
  }
}
