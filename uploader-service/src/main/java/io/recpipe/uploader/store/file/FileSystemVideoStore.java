package io.recpipe.uploader.store.file;

import io.recpipe.common.admin.VideoSource;
import io.recpipe.common.files.PartialFiles;
import io.recpipe.uploader.store.Digests;
import io.recpipe.uploader.store.Metadata;
import io.recpipe.uploader.store.ObjectKey;
import io.recpipe.uploader.store.StoredObject;
import io.recpipe.uploader.store.VideoStoreException;
import io.recpipe.uploader.store.WriteOnceVideoStore;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps videos in a directory (a mounted UNC share or a local folder). Each put copies the MP4,
 * opened without following links, to a partial file in the store root ({@link PartialFiles}),
 * fsyncs it, checks its SHA-256 against the metadata and then links it into place, which fails if
 * the name exists: the final name never shows a partial or replaced file. Partial files sit in the
 * root, one flat directory, so start-up removes this instance's left-overs without walking the
 * store ({@link #removeOwnPartials()}); the next put of a key removes that key's, whoever wrote
 * them.
 */
public final class FileSystemVideoStore extends WriteOnceVideoStore {

  private static final Logger log = LoggerFactory.getLogger(FileSystemVideoStore.class);

  private final Path root;
  private final String instance;
  private final AtomicLong copies = new AtomicLong();

  /**
   * @param instance this replica's name, on its partial files
   */
  public FileSystemVideoStore(Path root, String instance) {
    this.root = root.toAbsolutePath().normalize();
    this.instance = instance;
  }

  /** How many copies into the store were started (each put that found no equal file makes one). */
  public long copies() {
    return copies.get();
  }

  @Override
  public String name() {
    return "file";
  }

  /**
   * Removes the partial files this instance left in the store root (a crash or kill mid-copy); for
   * start-up, before any put runs.
   *
   * @return how many were removed
   */
  public int removeOwnPartials() {
    try {
      int removed = PartialFiles.removeOwnedBy(root, instance);
      if (removed > 0) {
        log.info("Partial copies of an earlier run removed. dir: {}, files: {}", root, removed);
      }
      return removed;
    } catch (IOException e) {
      throw VideoStoreException.transientFailure("Cannot remove partial files in " + root, e);
    }
  }

  @Override
  public void checkAccess() {
    if (!Files.isDirectory(root) || !Files.isWritable(root)) {
      throw VideoStoreException.permanent("Store directory missing or not writable: " + root, null);
    }
  }

  @Override
  public Optional<StoredObject> find(ObjectKey key) {
    Path target = resolve(key);
    if (!Files.isRegularFile(target)) {
      return Optional.empty();
    }
    try (InputStream in = new DigestInputStream(Files.newInputStream(target), Digests.sha256())) {
      long size = in.transferTo(OutputStream.nullOutputStream());
      String sha = hex(((DigestInputStream) in).getMessageDigest());
      return Optional.of(new StoredObject(key, sha, size, StoredObject.Outcome.FOUND));
    } catch (IOException e) {
      throw VideoStoreException.transientFailure("Cannot read stored file: " + target, e);
    }
  }

  /** The stored file itself, which the admin API serves in ranges: no link, no expiry. */
  @Override
  public Optional<VideoSource> readAccess(ObjectKey key, Instant now, Duration ttl) {
    Path target = resolve(key);
    return Files.isRegularFile(target, LinkOption.NOFOLLOW_LINKS)
        ? Optional.of(new VideoSource.LocalFile(target))
        : Optional.empty();
  }

  @Override
  protected StoredObject upload(Path mp4, ObjectKey key, Metadata metadata) {
    checkAccess();
    Path target = resolve(key);
    Path temp = PartialFiles.newPartial(root, partialStem(key), instance);
    try {
      Files.createDirectories(target.getParent());
      removeLeftovers(key);
      long size = copyAndSync(mp4, temp, metadata);
      linkIntoPlace(temp, target, key);
      syncDirectory(target.getParent());
      return new StoredObject(key, metadata.sha256(), size, StoredObject.Outcome.UPLOADED);
    } catch (IOException e) {
      throw VideoStoreException.transientFailure("Cannot store file: " + target, e);
    } finally {
      deleteQuietly(temp);
    }
  }

  private long copyAndSync(Path source, Path temp, Metadata metadata) throws IOException {
    copies.incrementAndGet();
    MessageDigest sha = Digests.sha256();
    long size;
    try (InputStream in =
            new DigestInputStream(Files.newInputStream(source, LinkOption.NOFOLLOW_LINKS), sha);
        FileChannel out =
            FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
      size = in.transferTo(Channels.newOutputStream(out));
      out.force(true);
    }
    String copied = hex(sha);
    if (!copied.equals(metadata.sha256()) || size != metadata.size()) {
      throw new IOException(
          "Copied content does not match: sha256 " + copied + " expected " + metadata.sha256());
    }
    return size;
  }

  /** A hard link refuses an existing name, unlike a rename, which would replace it. */
  private static void linkIntoPlace(Path temp, Path target, ObjectKey key) throws IOException {
    try {
      Files.createLink(target, temp);
    } catch (FileAlreadyExistsException e) {
      throw new AlreadyStoredException(key, e);
    } catch (UnsupportedOperationException | IOException e) {
      // Some shares have no hard links: fall back to a rename that refuses an existing name.
      if (Files.exists(target)) {
        throw new AlreadyStoredException(key, e);
      }
      Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
    }
  }

  /** Partial files of an earlier put of the same key that crashed, whoever wrote them. */
  private void removeLeftovers(ObjectKey key) throws IOException {
    int removed = PartialFiles.removeFor(root, partialStem(key));
    if (removed > 0) {
      log.info("Partial copies of an earlier try removed. key: {}, files: {}", key, removed);
    }
  }

  /**
   * What a key's partial files are named after in the flat root: a digest of the whole key, since
   * two keys may share a file name ({@code a/video.mp4}, {@code b/video.mp4}), then the file name
   * (cut short) for people reading the directory.
   */
  static String partialStem(ObjectKey key) {
    byte[] digest = Digests.sha256().digest(key.value().getBytes(StandardCharsets.UTF_8));
    String name = key.fileName();
    return HexFormat.of().formatHex(digest, 0, 16)
        + "-"
        + (name.length() > 60 ? name.substring(0, 60) : name);
  }

  private static void syncDirectory(Path dir) {
    try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
      channel.force(true);
    } catch (IOException | UnsupportedOperationException e) {
      log.debug("Directory cannot be synced here. directory: {}", dir, e);
    }
  }

  private Path resolve(ObjectKey key) {
    Path target = root.resolve(key.value()).normalize();
    if (!target.startsWith(root)) {
      throw new IllegalArgumentException("Key leaves the store root: " + key);
    }
    return target;
  }

  private static void deleteQuietly(Path path) {
    try {
      Files.deleteIfExists(path);
    } catch (IOException e) {
      log.debug("Temporary file not removed. file: {}", path, e);
    }
  }

  private static String hex(MessageDigest digest) {
    return HexFormat.of().formatHex(digest.digest());
  }
}
