package io.recpipe.uploader.store;

import io.recpipe.common.admin.VideoSource;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Where finished recordings are kept: the MP4 and its sidecars (see {@link ContentType}), each an
 * object of its own. Implementations are write-once and exactly-once:
 *
 * <ul>
 *   <li>{@link #put} uploads the file, has the server verify it against our checksum, and returns
 *       what is stored;
 *   <li>an object already stored under the key with the same SHA-256 is not uploaded again;
 *   <li>an object with a different SHA-256 is never overwritten: ours is stored beside it under
 *       {@link ObjectKey#conflictKey} and the result is flagged as a conflict.
 * </ul>
 *
 * Every failure is a {@link VideoStoreException} that says whether a later try may help.
 */
public interface VideoStore {

  /**
   * Stores {@code file} under {@code key} (or beside it, on a conflict) and verifies it; the object
   * gets {@code metadata}'s session, SHA-256 and content type.
   */
  StoredObject put(Path file, ObjectKey key, Metadata metadata);

  /** The object stored under {@code key}, or empty when there is none. */
  Optional<StoredObject> find(ObjectKey key);

  /**
   * A way to read the object under {@code key} without our credentials, for {@code ttl} from {@code
   * now} where the store makes links; empty when there is no object.
   *
   * @throws VideoStoreException when the store cannot be asked
   */
  Optional<VideoSource> readAccess(ObjectKey key, Instant now, Duration ttl);

  /**
   * Checks that the store is reachable and configured (bucket/container/directory exists, the
   * credentials work).
   *
   * @throws VideoStoreException permanent when the configuration is wrong, transient otherwise
   */
  void checkAccess();

  /** A short name for logs, metrics and health ({@code s3}, {@code azure}, {@code file}). */
  String name();
}
