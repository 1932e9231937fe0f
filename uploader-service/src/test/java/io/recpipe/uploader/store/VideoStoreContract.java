package io.recpipe.uploader.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.recpipe.common.admin.VideoSource;
import io.recpipe.common.session.SessionId;
import io.recpipe.uploader.testing.LocalServer;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The contract every {@link VideoStore} keeps, run against each implementation on a real server.
 * Subclasses provide the store and a way to look at the server independently of the store.
 */
public abstract class VideoStoreContract {

  protected static final long LARGE = 100L * 1024 * 1024;

  @TempDir protected Path work;

  /** The store under test. */
  protected abstract VideoStore store();

  /** Upload requests the store has sent so far (counted outside the store's own logic). */
  protected abstract long uploadRequests();

  /** Every key stored under the prefix, read from the server directly. */
  protected abstract List<String> keysUnder(String prefix);

  /** The bytes stored under the key, read from the server directly. */
  protected abstract byte[] read(ObjectKey key);

  /** The content type the server keeps for the key; empty for a store that keeps none. */
  protected Optional<String> contentType(ObjectKey key) {
    return Optional.empty();
  }

  /** The server process and its data directory, when the test can kill and restart it. */
  protected Optional<Killable> killable() {
    return Optional.empty();
  }

  /** A server the test may kill mid-upload and start again. */
  public record Killable(LocalServer process, Path dataDir) {}

  @Test
  void putStoresTheFileAndVerifiesIt() throws IOException {
    Path mp4 = file("a.mp4", 300_000, 1);
    ObjectKey key = freshKey();
    Metadata metadata = metadataOf(mp4);

    StoredObject stored = store().put(mp4, key, metadata);

    assertThat(stored.outcome()).isEqualTo(StoredObject.Outcome.UPLOADED);
    assertThat(stored.key()).isEqualTo(key);
    assertThat(stored.sha256()).isEqualTo(metadata.sha256());
    assertThat(read(key)).isEqualTo(Files.readAllBytes(mp4));
    assertThat(store().find(key))
        .get()
        .extracting(StoredObject::sha256)
        .isEqualTo(metadata.sha256());
    assertThat(Files.exists(mp4)).as("the store never removes the source").isTrue();
  }

  @Test
  void findOfAMissingKeyIsEmpty() {
    assertThat(store().find(freshKey())).isEmpty();
  }

  @Test
  void samePutTwiceUploadsOnce() throws IOException {
    Path mp4 = file("a.mp4", 200_000, 2);
    ObjectKey key = freshKey();
    store().put(mp4, key, metadataOf(mp4));
    long uploadsAfterFirst = uploadRequests();

    StoredObject again = store().put(mp4, key, metadataOf(mp4));

    assertThat(again.outcome()).isEqualTo(StoredObject.Outcome.ALREADY_PRESENT);
    assertThat(uploadRequests()).as("no second upload").isEqualTo(uploadsAfterFirst);
    assertThat(keysUnder(prefixOf(key))).containsExactly(key.value());
  }

  @Test
  void differentContentUnderTheSameKeyIsKeptBesideAndFlagged() throws IOException {
    Path first = file("first.mp4", 150_000, 3);
    Path second = file("second.mp4", 150_000, 4);
    ObjectKey key = freshKey();
    store().put(first, key, metadataOf(first));
    Metadata ours = metadataOf(second);

    StoredObject stored = store().put(second, key, ours);

    assertThat(stored.conflict()).isTrue();
    assertThat(stored.key()).isEqualTo(key.conflictKey(ours.sha256()));
    assertThat(stored.key().value())
        .endsWith(".conflict-" + ours.sha256().substring(0, 8) + ".mp4");
    assertThat(read(key)).as("the first is untouched").isEqualTo(Files.readAllBytes(first));
    assertThat(read(stored.key())).isEqualTo(Files.readAllBytes(second));
    assertThat(store().put(second, key, ours).conflict()).as("repeating is stable").isTrue();
    assertThat(keysUnder(prefixOf(key))).hasSize(2);
  }

  @Test
  void aSidecarIsStoredWriteOnceBesideTheMp4WithItsContentType() throws IOException {
    Path vtt = file("session.vtt", 5_000, 7);
    Path other = file("other.vtt", 5_000, 8);
    ObjectKey mp4Key = freshKey();
    ObjectKey key = mp4Key.sibling(ContentType.WEBVTT);
    Metadata metadata = metadataOf(vtt).withType(ContentType.WEBVTT);

    StoredObject stored = store().put(vtt, key, metadata);
    long uploadsAfterFirst = uploadRequests();
    StoredObject again = store().put(vtt, key, metadata);
    long uploadsAfterSecond = uploadRequests();
    Metadata theirs = metadataOf(other).withType(ContentType.WEBVTT);
    StoredObject conflict = store().put(other, key, theirs);

    assertThat(key.value()).endsWith("/session.vtt");
    assertThat(stored.outcome()).isEqualTo(StoredObject.Outcome.UPLOADED);
    assertThat(again.outcome()).isEqualTo(StoredObject.Outcome.ALREADY_PRESENT);
    assertThat(uploadsAfterSecond).as("no second upload").isEqualTo(uploadsAfterFirst);
    assertThat(read(key)).isEqualTo(Files.readAllBytes(vtt));
    assertThat(conflict.key().value())
        .endsWith("/session.conflict-" + theirs.sha256().substring(0, 8) + ".vtt");
    contentType(key).ifPresent(type -> assertThat(type).isEqualTo("text/vtt"));
    assertThat(keysUnder(prefixOf(key))).hasSize(2);
  }

  /**
   * A reader without our credentials gets the stored bytes through the read access: a link fetched
   * with a plain HTTP client asking for a range (206 and just those bytes), or the store's own
   * file.
   */
  @Test
  void readAccessGivesTheStoredBytesInRanges() throws Exception {
    Path mp4 = file("played.mp4", 300_000, 9);
    ObjectKey key = freshKey();
    store().put(mp4, key, metadataOf(mp4));
    byte[] bytes = Files.readAllBytes(mp4);

    VideoSource access =
        store()
            .readAccess(key, java.time.Instant.now(), java.time.Duration.ofMinutes(5))
            .orElseThrow();

    byte[] expected = java.util.Arrays.copyOfRange(bytes, 1000, 2000);
    if (access instanceof VideoSource.Link link) {
      var part = ranged(link.url(), "bytes=1000-1999");
      assertThat(part.statusCode()).isEqualTo(206);
      assertThat(part.body()).isEqualTo(expected);
      assertThat(part.headers().firstValue("Content-Range")).hasValue("bytes 1000-1999/300000");
      assertThat(link.toString()).doesNotContain(link.url().getQuery());
    } else {
      assertThat(access).isInstanceOf(VideoSource.LocalFile.class);
      assertThat(((VideoSource.LocalFile) access).file()).hasBinaryContent(bytes);
    }
    assertThat(
            store()
                .readAccess(freshKey(), java.time.Instant.now(), java.time.Duration.ofMinutes(5)))
        .as("no object, no access")
        .isEmpty();
  }

  /**
   * A GET of {@code url} asking for {@code range}, by a client that holds none of our credentials.
   */
  protected static java.net.http.HttpResponse<byte[]> ranged(java.net.URI url, String range)
      throws IOException, InterruptedException {
    return java.net.http.HttpClient.newHttpClient()
        .send(
            java.net.http.HttpRequest.newBuilder(url).header("Range", range).build(),
            java.net.http.HttpResponse.BodyHandlers.ofByteArray());
  }

  @Test
  void largeFileGoesUpInPartsAndVerifies() throws IOException {
    Path mp4 = file("large.mp4", LARGE, 5);
    ObjectKey key = freshKey();
    long before = uploadRequests();

    StoredObject stored = store().put(mp4, key, metadataOf(mp4));

    assertThat(stored.size()).isEqualTo(LARGE);
    assertThat(stored.sha256()).isEqualTo(metadataOf(mp4).sha256());
    assertThat(uploadRequests() - before)
        .as("many parts or blocks")
        .isGreaterThan(largeMinimumRequests());
    assertThat(Digests.metadataOf(SessionId.of("x"), writeTo(read(key))).sha256())
        .isEqualTo(stored.sha256());
  }

  /** Upload requests a 100 MB put must exceed (0 for a single copy, more for parts). */
  protected long largeMinimumRequests() {
    return 0;
  }

  @Test
  void serverDyingMidUploadFailsTransientlyAndTheRetryStoresExactlyOneObject() throws Exception {
    assumeTrue(killable().isPresent(), "this store has no server the test controls");
    Killable server = killable().get();
    Path mp4 = file("large.mp4", LARGE, 6);
    ObjectKey key = freshKey();
    Metadata metadata = metadataOf(mp4);
    long dataBefore = LocalServer.bytesUnder(server.dataDir());

    CompletableFuture<StoredObject> put =
        CompletableFuture.supplyAsync(() -> store().put(mp4, key, metadata));
    while (!put.isDone() && LocalServer.bytesUnder(server.dataDir()) < dataBefore + LARGE / 5) {
      Thread.onSpinWait();
    }
    assertThat(put).as("the upload was still running when the server died").isNotDone();
    server.process().kill();

    assertThatThrownBy(put::join)
        .isInstanceOf(CompletionException.class)
        .cause()
        .isInstanceOfSatisfying(
            VideoStoreException.class, e -> assertThat(e.isTransient()).isTrue());
    assertThat(mp4).exists();

    server.process().start();
    serverRestarted();
    StoredObject retried = store().put(mp4, key, metadata);

    assertThat(retried.sha256()).isEqualTo(metadata.sha256());
    assertThat(keysUnder(prefixOf(key))).containsExactly(key.value());
    assertThat(Digests.metadataOf(SessionId.of("x"), writeTo(read(key))).sha256())
        .isEqualTo(metadata.sha256());
  }

  /** Called after the killed server is started again, before the retry. */
  protected void serverRestarted() {}

  protected ObjectKey freshKey() {
    return new ObjectKey("contract/" + UUID.randomUUID() + "/2026/11/28/session.mp4");
  }

  protected static String prefixOf(ObjectKey key) {
    return key.value().substring(0, key.value().indexOf('/', "contract/".length()) + 1);
  }

  protected Metadata metadataOf(Path mp4) {
    return Digests.metadataOf(SessionId.of("session-1"), mp4);
  }

  /** A file of pseudo-random bytes (incompressible, different per seed). */
  protected Path file(String name, long size, long seed) throws IOException {
    Path file = work.resolve(name);
    Random random = new Random(seed);
    byte[] block = new byte[1 << 16];
    try (OutputStream out = Files.newOutputStream(file)) {
      for (long left = size; left > 0; left -= block.length) {
        random.nextBytes(block);
        out.write(block, 0, (int) Math.min(block.length, left));
      }
    }
    return file;
  }

  private Path writeTo(byte[] bytes) throws IOException {
    return Files.write(work.resolve("read-back-" + UUID.randomUUID()), bytes);
  }
}
