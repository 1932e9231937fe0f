package io.recpipe.uploader.store.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.recpipe.uploader.store.ObjectKey;
import io.recpipe.uploader.store.VideoStore;
import io.recpipe.uploader.store.VideoStoreException;
import io.recpipe.uploader.testing.S3MockServer;
import io.recpipe.uploader.testing.ServersExtension;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.s3.S3AsyncClient;

/** The store contract on Adobe S3Mock, started from its exec jar by the test itself. */
@ExtendWith(ServersExtension.class)
class S3VideoStoreContractTest extends S3Contract {

  private static final AtomicLong uploads = new AtomicLong();
  private static S3MockServer server;
  private static S3AsyncClient client;
  private static S3VideoStore store;

  @BeforeAll
  static void connect(S3MockServer s3mock) {
    server = s3mock;
    client = S3Fixtures.client(s3mock, PART, new CountUploads(uploads));
    store =
        new S3VideoStore(
            client, S3Fixtures.presigner(s3mock), S3Fixtures.options(S3MockServer.BUCKET, PART));
  }

  @AfterAll
  static void disconnect() {
    client.close();
  }

  @Override
  protected VideoStore store() {
    return store;
  }

  @Override
  protected long uploadRequests() {
    return uploads.get();
  }

  @Override
  protected S3AsyncClient client() {
    return client;
  }

  @Override
  protected String bucket() {
    return S3MockServer.BUCKET;
  }

  @Override
  protected Optional<Killable> killable() {
    return server.process().map(p -> new Killable(p, server.dataDir().orElseThrow()));
  }

  @Test
  void aMissingBucketIsAPermanentFailure() throws Exception {
    var elsewhere = new S3VideoStore(client, S3Fixtures.options("no-such-bucket", PART));
    Path mp4 = file("a.mp4", 1000, 9);

    assertThatThrownBy(elsewhere::checkAccess)
        .isInstanceOfSatisfying(
            VideoStoreException.class, e -> assertThat(e.isTransient()).isFalse());
    assertThatThrownBy(() -> elsewhere.put(mp4, freshKey(), metadataOf(mp4)))
        .isInstanceOfSatisfying(
            VideoStoreException.class, e -> assertThat(e.isTransient()).isFalse());
  }

  @Test
  void theServerChecksumsMatchOurs() throws Exception {
    Path small = file("small.mp4", 100_000, 10);
    Path large = file("large.mp4", 3 * PART + 12_345, 11);
    ObjectKey smallKey = freshKey();
    ObjectKey largeKey = freshKey();
    store.put(small, smallKey, metadataOf(small));
    store.put(large, largeKey, metadataOf(large));

    var smallHead = head(smallKey);
    var largeHead = head(largeKey);
    var crc = S3Checksums.crc32s(large, PART);

    assertThat(smallHead.checksumSHA256())
        .isEqualTo(java.util.Base64.getEncoder().encodeToString(metadataOf(small).sha256Bytes()));
    assertThat(largeHead.checksumCRC32()).isIn(crc.full(), crc.composite());
    assertThat(largeHead.metadata()).containsEntry("sha256", metadataOf(large).sha256());
    assertThat(largeHead.metadata()).containsEntry("session-id", "session-1");
  }

  private static software.amazon.awssdk.services.s3.model.HeadObjectResponse head(ObjectKey key) {
    return client
        .headObject(
            h ->
                h.bucket(S3MockServer.BUCKET)
                    .key(key.value())
                    .checksumMode(software.amazon.awssdk.services.s3.model.ChecksumMode.ENABLED))
        .join();
  }
}
