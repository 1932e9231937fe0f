package io.recpipe.uploader.store.s3;

import io.recpipe.common.admin.VideoSource;
import io.recpipe.uploader.store.Metadata;
import io.recpipe.uploader.store.ObjectKey;
import io.recpipe.uploader.store.StoredObject;
import io.recpipe.uploader.store.VideoStoreException;
import io.recpipe.uploader.store.WriteOnceVideoStore;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.async.AsyncRequestBody;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.model.ChecksumAlgorithm;
import software.amazon.awssdk.services.s3.model.ChecksumMode;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;
import software.amazon.awssdk.services.s3.presigner.model.PresignedGetObjectRequest;

/**
 * Keeps videos in an S3 bucket (or an S3-compatible store) through an {@link S3AsyncClient} with
 * the SDK's Java multipart support enabled ({@link S3Clients}): parts of {@code partSize} above
 * {@code multipartThreshold}, memory bounded by the client's buffer setting.
 *
 * <p>Checksums: a single-part put carries a SHA-256 of the bytes sent ({@code
 * x-amz-checksum-sha256}, computed by the SDK while streaming), which the server checks against the
 * whole object and which must equal ours afterwards. A multipart put carries a CRC32 per part, each
 * checked by the server, and the resulting object checksum (full-object or composite of the parts)
 * is compared with the same value computed locally. Our SHA-256 is always in the user metadata, and
 * the size and metadata are checked with HeadObject after the upload.
 *
 * <p>Write-once: every put carries {@code If-None-Match: *}. The SDK's multipart client copies it
 * from the {@link PutObjectRequest} onto CompleteMultipartUpload (where S3 evaluates it for a
 * multipart upload), so a key taken between the HeadObject and the write answers 412 (or 409
 * ConditionalRequestConflict when a concurrent write on the key is in flight) instead of being
 * overwritten; {@link WriteOnceVideoStore} then compares checksums as for a key found up front.
 * Adobe S3Mock 5.2.0 honours the condition on both PutObject and CompleteMultipartUpload (but see
 * {@code S3WriteOnceRaceTest} on its AbortMultipartUpload).
 */
public final class S3VideoStore extends WriteOnceVideoStore {

  static final String SHA256 = "sha256";
  static final String SESSION_ID = "session-id";
  private static final Logger log = LoggerFactory.getLogger(S3VideoStore.class);

  private final S3AsyncClient client;
  private final S3Presigner presigner;
  private final S3StoreOptions options;

  /** A store that makes no read links. */
  public S3VideoStore(S3AsyncClient client, S3StoreOptions options) {
    this(client, null, options);
  }

  /**
   * @param presigner signs read links with the client's credentials; null for none
   */
  public S3VideoStore(S3AsyncClient client, S3Presigner presigner, S3StoreOptions options) {
    this.client = client;
    this.presigner = presigner;
    this.options = options;
  }

  @Override
  public String name() {
    return "s3";
  }

  @Override
  public void checkAccess() {
    try {
      client.headBucket(b -> b.bucket(options.bucket())).join();
    } catch (RuntimeException e) {
      throw S3Failures.translate("check bucket", options.bucket(), e, true);
    }
  }

  @Override
  public Optional<StoredObject> find(ObjectKey key) {
    return head(key)
        .map(
            head ->
                new StoredObject(
                    key,
                    head.metadata().get(SHA256),
                    head.contentLength(),
                    StoredObject.Outcome.FOUND));
  }

  /**
   * A presigned GetObject URL, valid for {@code ttl} from its signing (S3 takes the signing time
   * from the presigner's clock, not {@code now}); empty when there is no object.
   */
  @Override
  public Optional<VideoSource> readAccess(ObjectKey key, Instant now, Duration ttl) {
    if (head(key).isEmpty()) {
      return Optional.empty();
    }
    if (presigner == null) {
      return Optional.of(new VideoSource.Unavailable("this S3 store makes no presigned links"));
    }
    try {
      PresignedGetObjectRequest presigned =
          presigner.presignGetObject(
              p ->
                  p.signatureDuration(ttl)
                      .getObjectRequest(g -> g.bucket(options.bucket()).key(key.value())));
      return Optional.of(new VideoSource.Link(presigned.url().toURI(), presigned.expiration()));
    } catch (URISyntaxException | RuntimeException e) {
      throw VideoStoreException.transientFailure("Cannot presign a read of " + key, e);
    }
  }

  private Optional<HeadObjectResponse> head(ObjectKey key) {
    try {
      return Optional.of(
          client
              .headObject(
                  h ->
                      h.bucket(options.bucket())
                          .key(key.value())
                          .checksumMode(ChecksumMode.ENABLED))
              .join());
    } catch (RuntimeException e) {
      if (S3Failures.isNotFound(e)) {
        return Optional.empty();
      }
      throw S3Failures.translate("head object", key.value(), e, false);
    }
  }

  @Override
  protected StoredObject upload(Path mp4, ObjectKey key, Metadata metadata) {
    boolean multipart = metadata.size() >= options.multipartThreshold();
    PutObjectRequest.Builder request =
        PutObjectRequest.builder()
            .bucket(options.bucket())
            .key(key.value())
            .contentType(metadata.type().mimeType())
            .ifNoneMatch("*")
            .metadata(Map.of(SHA256, metadata.sha256(), SESSION_ID, metadata.sessionId().value()));
    if (multipart) {
      request.checksumAlgorithm(ChecksumAlgorithm.CRC32);
    } else {
      request.checksumAlgorithm(ChecksumAlgorithm.SHA256);
    }
    encryption(request);
    try {
      client.putObject(request.build(), AsyncRequestBody.fromFile(mp4)).join();
    } catch (RuntimeException e) {
      if (S3Failures.isKeyTaken(e)) {
        throw new AlreadyStoredException(key, e);
      }
      throw S3Failures.translate("upload", key.value(), e, false);
    }
    verify(mp4, key, metadata, multipart);
    log.debug(
        "Object uploaded. key: {}, bytes: {}, multipart: {}", key, metadata.size(), multipart);
    return new StoredObject(key, metadata.sha256(), metadata.size(), StoredObject.Outcome.UPLOADED);
  }

  private void encryption(PutObjectRequest.Builder request) {
    switch (options.sse()) {
      case NONE -> {}
      case S3 -> request.serverSideEncryption(ServerSideEncryption.AES256);
      case KMS -> {
        request.serverSideEncryption(ServerSideEncryption.AWS_KMS);
        if (options.kmsKeyId() != null && !options.kmsKeyId().isBlank()) {
          request.ssekmsKeyId(options.kmsKeyId());
        }
      }
    }
  }

  private void verify(Path mp4, ObjectKey key, Metadata metadata, boolean multipart) {
    HeadObjectResponse head =
        head(key)
            .orElseThrow(
                () ->
                    VideoStoreException.transientFailure(
                        "Object missing after upload: " + key, null));
    String problem = S3Checksums.mismatch(mp4, metadata, head, multipart, options.partSize());
    if (problem != null) {
      deleteQuietly(key);
      throw VideoStoreException.transientFailure(
          "Object does not match after upload: " + key + ", " + problem, null);
    }
  }

  private void deleteQuietly(ObjectKey key) {
    try {
      client.deleteObject(d -> d.bucket(options.bucket()).key(key.value())).join();
    } catch (RuntimeException e) {
      log.warn("Unverified object not removed. key: {}", key, e);
    }
  }
}
