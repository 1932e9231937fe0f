package io.recpipe.uploader.store.s3;

import io.recpipe.uploader.store.ObjectKey;
import io.recpipe.uploader.testing.S3MockServer;
import java.util.List;
import software.amazon.awssdk.core.async.AsyncResponseTransformer;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/** Clients and direct reads of S3Mock for tests. */
public final class S3Fixtures {

  private S3Fixtures() {}

  public static S3AsyncClient client(
      S3MockServer server, long partSize, ExecutionInterceptor... interceptors) {
    return S3Clients.client(
        "us-east-1",
        server.endpoint(),
        true,
        "test-access-key",
        "test-secret-key",
        options(S3MockServer.BUCKET, partSize),
        4,
        interceptors);
  }

  /** Signs read links for S3Mock with the test credentials. */
  public static S3Presigner presigner(S3MockServer server) {
    return S3Clients.presigner(
        "us-east-1", server.endpoint(), true, "test-access-key", "test-secret-key");
  }

  public static S3StoreOptions options(String bucket, long partSize) {
    return new S3StoreOptions(bucket, S3StoreOptions.Encryption.NONE, null, 2 * partSize, partSize);
  }

  public static List<String> keysUnder(S3AsyncClient client, String bucket, String prefix) {
    return client.listObjectsV2(l -> l.bucket(bucket).prefix(prefix)).join().contents().stream()
        .map(S3Object::key)
        .sorted()
        .toList();
  }

  public static byte[] read(S3AsyncClient client, String bucket, ObjectKey key) {
    return client
        .getObject(g -> g.bucket(bucket).key(key.value()), AsyncResponseTransformer.toBytes())
        .join()
        .asByteArray();
  }
}
