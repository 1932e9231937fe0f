package io.recpipe.uploader.store.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.recpipe.uploader.store.ObjectKey;
import io.recpipe.uploader.store.VideoStore;
import io.recpipe.uploader.store.VideoStoreContract;
import io.recpipe.uploader.store.VideoStoreException;
import io.recpipe.uploader.testing.S3MockServer;
import io.recpipe.uploader.testing.ServersExtension;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.UploadPartRequest;

/** The store contract on Adobe S3Mock, started from its exec jar by the test itself. */
@ExtendWith(ServersExtension.class)
class S3VideoStoreContractTest extends VideoStoreContract {

  static final long PART = 8L * 1024 * 1024;
  private static final AtomicLong uploads = new AtomicLong();
  private static S3MockServer server;
  private static S3AsyncClient client;
  private static S3VideoStore store;

  @BeforeAll
  static void connect(S3MockServer s3mock) {
    server = s3mock;
    client = S3Fixtures.client(s3mock, PART, new CountUploads());
    store = new S3VideoStore(client, S3Fixtures.options(S3MockServer.BUCKET, PART));
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
  protected long largeMinimumRequests() {
    return LARGE / PART - 1;
  }

  @Override
  protected List<String> keysUnder(String prefix) {
    return S3Fixtures.keysUnder(client, S3MockServer.BUCKET, prefix);
  }

  @Override
  protected byte[] read(ObjectKey key) {
    return S3Fixtures.read(client, S3MockServer.BUCKET, key);
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

  /** Counts PutObject and UploadPart requests as they leave the client. */
  static final class CountUploads implements ExecutionInterceptor {
    @Override
    public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attrs) {
      if (context.request() instanceof PutObjectRequest
          || context.request() instanceof UploadPartRequest) {
        uploads.incrementAndGet();
      }
    }
  }
}
