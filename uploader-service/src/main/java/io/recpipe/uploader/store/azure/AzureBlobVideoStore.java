package io.recpipe.uploader.store.azure;

import com.azure.core.util.BinaryData;
import com.azure.core.util.Context;
import com.azure.storage.blob.BlobClient;
import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.models.BlobHttpHeaders;
import com.azure.storage.blob.models.BlobProperties;
import com.azure.storage.blob.models.BlobRequestConditions;
import com.azure.storage.blob.models.BlobStorageException;
import com.azure.storage.blob.models.ParallelTransferOptions;
import com.azure.storage.blob.models.UserDelegationKey;
import com.azure.storage.blob.options.BlobParallelUploadOptions;
import com.azure.storage.blob.sas.BlobSasPermission;
import com.azure.storage.blob.sas.BlobServiceSasSignatureValues;
import com.azure.storage.common.sas.SasProtocol;
import io.recpipe.common.admin.VideoSource;
import io.recpipe.uploader.store.Metadata;
import io.recpipe.uploader.store.ObjectKey;
import io.recpipe.uploader.store.StoredObject;
import io.recpipe.uploader.store.VideoStoreException;
import io.recpipe.uploader.store.WriteOnceVideoStore;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps videos as block blobs. Blocks are uploaded in parallel ({@link ParallelTransferOptions},
 * bounded memory: block size times concurrency), each with a transactional MD5 the service checks;
 * the commit carries {@code If-None-Match: *}, so an existing blob is never replaced.
 */
public final class AzureBlobVideoStore extends WriteOnceVideoStore {

  static final String SHA256 = "sha256";
  static final String SESSION_ID = "sessionid";
  private static final Logger log = LoggerFactory.getLogger(AzureBlobVideoStore.class);

  private final BlobContainerClient container;
  private final long blockSize;
  private final int maxConcurrency;

  public AzureBlobVideoStore(BlobContainerClient container, long blockSize, int maxConcurrency) {
    this.container = container;
    this.blockSize = blockSize;
    this.maxConcurrency = maxConcurrency;
  }

  @Override
  public String name() {
    return "azure";
  }

  @Override
  public void checkAccess() {
    try {
      if (!container.exists()) {
        throw VideoStoreException.permanent(
            "Container does not exist: " + container.getBlobContainerName(), null);
      }
    } catch (RuntimeException e) {
      throw AzureFailures.translate("check container", container.getBlobContainerName(), e);
    }
  }

  @Override
  public Optional<StoredObject> find(ObjectKey key) {
    try {
      BlobProperties properties = container.getBlobClient(key.value()).getProperties();
      String sha = properties.getMetadata() == null ? null : properties.getMetadata().get(SHA256);
      return Optional.of(
          new StoredObject(key, sha, properties.getBlobSize(), StoredObject.Outcome.FOUND));
    } catch (BlobStorageException e) {
      if (e.getStatusCode() == 404 && !AzureFailures.isContainerMissing(e)) {
        return Optional.empty();
      }
      throw AzureFailures.translate("read properties", key.value(), e);
    } catch (RuntimeException e) {
      throw AzureFailures.translate("read properties", key.value(), e);
    }
  }

  /**
   * A read-only SAS URL for the blob, expiring {@code ttl} after {@code now}: signed with the
   * account key when the client has one (a connection string with a key), else with a user
   * delegation key (Entra ID credential with the right to ask for one). A credential that can do
   * neither (a SAS connection string, a role without delegation) gives {@link
   * VideoSource.Unavailable} with the reason.
   */
  @Override
  public Optional<VideoSource> readAccess(ObjectKey key, Instant now, Duration ttl) {
    if (find(key).isEmpty()) {
      return Optional.empty();
    }
    BlobClient blob = container.getBlobClient(key.value());
    OffsetDateTime expiry = now.plus(ttl).atOffset(ZoneOffset.UTC);
    var values =
        new BlobServiceSasSignatureValues(expiry, new BlobSasPermission().setReadPermission(true));
    if (blob.getBlobUrl().startsWith("https:")) {
      values.setProtocol(SasProtocol.HTTPS_ONLY);
    }
    String sas;
    try {
      sas = blob.generateSas(values);
    } catch (RuntimeException noAccountKey) {
      try {
        UserDelegationKey delegation =
            container.getServiceClient().getUserDelegationKey(now.atOffset(ZoneOffset.UTC), expiry);
        sas = blob.generateUserDelegationSas(values, delegation);
      } catch (BlobStorageException e) {
        return Optional.of(unavailable("the user delegation key was refused: " + e.getErrorCode()));
      } catch (RuntimeException e) {
        return Optional.of(unavailable(e.getClass().getSimpleName()));
      }
    }
    return Optional.of(
        new VideoSource.Link(URI.create(blob.getBlobUrl() + "?" + sas), expiry.toInstant()));
  }

  private static VideoSource unavailable(String why) {
    return new VideoSource.Unavailable(
        "The Azure credential cannot sign a read-only link (SAS): no account key, and " + why);
  }

  @Override
  protected StoredObject upload(Path mp4, ObjectKey key, Metadata metadata) {
    BlobClient blob = container.getBlobClient(key.value());
    var options =
        new BlobParallelUploadOptions(BinaryData.fromFile(mp4, (int) Math.min(blockSize, 1 << 20)))
            .setParallelTransferOptions(
                new ParallelTransferOptions()
                    .setBlockSizeLong(blockSize)
                    .setMaxSingleUploadSizeLong(blockSize)
                    .setMaxConcurrency(maxConcurrency))
            .setComputeMd5(true)
            .setHeaders(new BlobHttpHeaders().setContentType(metadata.type().mimeType()))
            .setMetadata(
                Map.of(SHA256, metadata.sha256(), SESSION_ID, metadata.sessionId().value()))
            .setRequestConditions(new BlobRequestConditions().setIfNoneMatch("*"));
    try {
      blob.uploadWithResponse(options, null, Context.NONE);
    } catch (BlobStorageException e) {
      if (e.getStatusCode() == 409 || e.getStatusCode() == 412) {
        throw new AlreadyStoredException(key, e);
      }
      throw AzureFailures.translate("upload", key.value(), e);
    } catch (RuntimeException e) {
      throw AzureFailures.translate("upload", key.value(), e);
    }
    StoredObject stored =
        find(key)
            .orElseThrow(
                () ->
                    VideoStoreException.transientFailure(
                        "Blob missing after upload: " + key, null));
    if (!stored.sameContentAs(metadata)) {
      throw VideoStoreException.transientFailure(
          "Blob does not match after upload: " + key + ", size " + stored.size(), null);
    }
    log.debug("Blob uploaded. key: {}, bytes: {}", key, stored.size());
    return stored.withOutcome(StoredObject.Outcome.UPLOADED);
  }
}
