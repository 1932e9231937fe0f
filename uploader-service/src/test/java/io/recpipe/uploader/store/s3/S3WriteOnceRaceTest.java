package io.recpipe.uploader.store.s3;

import static org.assertj.core.api.Assertions.assertThat;

import io.recpipe.common.session.SessionId;
import io.recpipe.uploader.store.Digests;
import io.recpipe.uploader.store.Metadata;
import io.recpipe.uploader.store.ObjectKey;
import io.recpipe.uploader.store.StoredObject;
import io.recpipe.uploader.testing.S3MockServer;
import io.recpipe.uploader.testing.ServersExtension;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.async.AsyncRequestBody;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.model.AbortMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.CompleteMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;

/**
 * Two writers racing for one key on S3Mock: another object appears under the key after {@code
 * put}'s HeadObject found it free and before the write lands (planted by an interceptor just before
 * PutObject, or before CompleteMultipartUpload for a multipart put). The write's {@code
 * If-None-Match: *} makes the server refuse it, so the other object is never overwritten.
 *
 * <p>After a refused CompleteMultipartUpload the SDK aborts the upload (frees the parts). Adobe
 * S3Mock 5.2.0 wrongly deletes the object stored under the key when an upload on that key is
 * aborted (real S3 leaves it alone), so for the planted keys the interceptor refuses the abort and
 * records that it was asked for.
 */
@ExtendWith(ServersExtension.class)
class S3WriteOnceRaceTest {

  private static final long PART = S3VideoStoreContractTest.PART;
  private static final PlantBeforeWrite race = new PlantBeforeWrite();
  private static S3AsyncClient client;
  private static S3AsyncClient other;
  private static S3VideoStore store;

  @TempDir Path work;

  @BeforeAll
  static void connect(S3MockServer s3mock) {
    client = S3Fixtures.client(s3mock, PART, race);
    other = S3Fixtures.client(s3mock, PART);
    store = new S3VideoStore(client, S3Fixtures.options(S3MockServer.BUCKET, PART));
  }

  @AfterAll
  static void disconnect() {
    client.close();
    other.close();
  }

  @Test
  void smallPutOntoAKeyTakenAfterTheLookIsKeptBesideNeverOverwriting() throws IOException {
    Path ours = file("ours.mp4", 200_000, 1);
    Path theirs = file("theirs.mp4", 200_000, 2);
    ObjectKey key = freshKey();
    race.plantBefore("PutObject", key, theirs);

    StoredObject stored = store.put(ours, key, metadataOf(ours));

    assertThat(race.planted(key)).as("the other object appeared after the look").isTrue();
    assertThat(race.ifNoneMatch("PutObject", key)).isEqualTo("*");
    assertThat(stored.conflict()).isTrue();
    assertThat(stored.key()).isEqualTo(key.conflictKey(metadataOf(ours).sha256()));
    assertThat(read(key)).as("theirs is untouched").isEqualTo(Files.readAllBytes(theirs));
    assertThat(read(stored.key())).isEqualTo(Files.readAllBytes(ours));
  }

  @Test
  void smallPutOntoAKeyTakenWithTheSameContentIsAlreadyPresent() throws IOException {
    Path ours = file("ours.mp4", 200_000, 3);
    ObjectKey key = freshKey();
    race.plantBefore("PutObject", key, ours);

    StoredObject stored = store.put(ours, key, metadataOf(ours));

    assertThat(race.planted(key)).isTrue();
    assertThat(stored.outcome()).isEqualTo(StoredObject.Outcome.ALREADY_PRESENT);
    assertThat(stored.key()).isEqualTo(key);
    assertThat(S3Fixtures.keysUnder(client, S3MockServer.BUCKET, prefixOf(key)))
        .containsExactly(key.value());
  }

  @Test
  void multipartPutOntoAKeyTakenBeforeCompleteIsKeptBesideNeverOverwriting() throws IOException {
    Path ours = file("ours.mp4", 2 * PART + 12_345, 4);
    Path theirs = file("theirs.mp4", 100_000, 5);
    ObjectKey key = freshKey();
    race.plantBefore("CompleteMultipartUpload", key, theirs);

    StoredObject stored = store.put(ours, key, metadataOf(ours));

    assertThat(race.planted(key)).as("the other object appeared before completing").isTrue();
    assertThat(race.ifNoneMatch("CompleteMultipartUpload", key)).isEqualTo("*");
    assertThat(race.abortAskedFor(key)).as("the refused upload's parts are freed").isTrue();
    assertThat(stored.conflict()).isTrue();
    assertThat(stored.key()).isEqualTo(key.conflictKey(metadataOf(ours).sha256()));
    assertThat(read(key)).as("theirs is untouched").isEqualTo(Files.readAllBytes(theirs));
    assertThat(read(stored.key())).isEqualTo(Files.readAllBytes(ours));
  }

  @Test
  void multipartPutOntoAKeyTakenWithTheSameContentIsAlreadyPresent() throws IOException {
    Path ours = file("ours.mp4", 2 * PART + 12_345, 6);
    ObjectKey key = freshKey();
    race.plantBefore("CompleteMultipartUpload", key, ours);

    StoredObject stored = store.put(ours, key, metadataOf(ours));

    assertThat(race.planted(key)).isTrue();
    assertThat(stored.outcome()).isEqualTo(StoredObject.Outcome.ALREADY_PRESENT);
    assertThat(S3Fixtures.keysUnder(client, S3MockServer.BUCKET, prefixOf(key)))
        .containsExactly(key.value());
    assertThat(read(key)).isEqualTo(Files.readAllBytes(ours));
  }

  @Test
  void aFreeKeyIsWrittenWithTheConditionToo() throws IOException {
    Path small = file("small.mp4", 50_000, 7);
    Path large = file("large.mp4", 2 * PART + 1, 8);
    ObjectKey smallKey = freshKey();
    ObjectKey largeKey = freshKey();

    store.put(small, smallKey, metadataOf(small));
    store.put(large, largeKey, metadataOf(large));

    assertThat(race.ifNoneMatch("PutObject", smallKey)).isEqualTo("*");
    assertThat(race.ifNoneMatch("CompleteMultipartUpload", largeKey)).isEqualTo("*");
  }

  private static byte[] read(ObjectKey key) {
    return S3Fixtures.read(client, S3MockServer.BUCKET, key);
  }

  private static ObjectKey freshKey() {
    return new ObjectKey("race/" + UUID.randomUUID() + "/2026/11/28/session.mp4");
  }

  private static String prefixOf(ObjectKey key) {
    return key.value().substring(0, key.value().indexOf('/', "race/".length()) + 1);
  }

  private static Metadata metadataOf(Path mp4) {
    return Digests.metadataOf(SessionId.of("session-1"), mp4);
  }

  private Path file(String name, long size, long seed) throws IOException {
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

  /**
   * Plants another writer's object (with its SHA-256 in the metadata, as the store writes it)
   * through a second client right before a chosen operation on a key executes, and records the
   * {@code If-None-Match} header each write sent.
   */
  static final class PlantBeforeWrite implements ExecutionInterceptor {

    private final Map<String, Path> plans = new ConcurrentHashMap<>();
    private final Map<ObjectKey, Boolean> planted = new ConcurrentHashMap<>();
    private final Map<String, String> sent = new ConcurrentHashMap<>();
    private final Map<ObjectKey, Boolean> aborted = new ConcurrentHashMap<>();

    void plantBefore(String operation, ObjectKey key, Path content) {
      plans.put(operation + " " + key.value(), content);
    }

    boolean planted(ObjectKey key) {
      return planted.getOrDefault(key, false);
    }

    boolean abortAskedFor(ObjectKey key) {
      return aborted.getOrDefault(key, false);
    }

    String ifNoneMatch(String operation, ObjectKey key) {
      return sent.get(operation + " " + key.value());
    }

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attrs) {
      String key = keyOf(context.request());
      if (context.request() instanceof AbortMultipartUploadRequest && planted(new ObjectKey(key))) {
        aborted.put(new ObjectKey(key), true);
        throw SdkClientException.create("Abort refused by the test: S3Mock would drop the key");
      }
      Path content = key == null ? null : plans.remove(operation(attrs) + " " + key);
      if (content == null) {
        return;
      }
      Metadata metadata = metadataOf(content);
      other
          .putObject(
              p ->
                  p.bucket(S3MockServer.BUCKET)
                      .key(key)
                      .metadata(
                          Map.of(
                              S3VideoStore.SHA256,
                              metadata.sha256(),
                              S3VideoStore.SESSION_ID,
                              "someone-else")),
              AsyncRequestBody.fromFile(content))
          .join();
      planted.put(new ObjectKey(key), true);
    }

    @Override
    public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attrs) {
      String key = keyOf(context.request());
      if (key != null) {
        sent.put(
            operation(attrs) + " " + key,
            context.httpRequest().firstMatchingHeader("If-None-Match").orElse("(none)"));
      }
    }

    private static String operation(ExecutionAttributes attrs) {
      return attrs.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
    }

    private static String keyOf(Object request) {
      if (request instanceof PutObjectRequest put) {
        return put.key();
      }
      if (request instanceof CompleteMultipartUploadRequest complete) {
        return complete.key();
      }
      if (request instanceof AbortMultipartUploadRequest abort) {
        return abort.key();
      }
      return null;
    }
  }
}
