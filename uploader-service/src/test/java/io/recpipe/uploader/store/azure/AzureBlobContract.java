package io.recpipe.uploader.store.azure;

import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.models.BlobItem;
import com.azure.storage.blob.models.ListBlobsOptions;
import io.recpipe.uploader.store.ObjectKey;
import io.recpipe.uploader.store.VideoStoreContract;
import java.util.List;
import java.util.Optional;

/** The store contract read back through a blob container, whichever Azurite serves it. */
abstract class AzureBlobContract extends VideoStoreContract {

  static final long BLOCK = 4L * 1024 * 1024;

  /** The container the store under test writes to. */
  protected abstract BlobContainerClient container();

  @Override
  protected long largeMinimumRequests() {
    return LARGE / BLOCK - 1;
  }

  @Override
  protected List<String> keysUnder(String prefix) {
    return container().listBlobs(new ListBlobsOptions().setPrefix(prefix), null).stream()
        .map(BlobItem::getName)
        .sorted()
        .toList();
  }

  @Override
  protected byte[] read(ObjectKey key) {
    return container().getBlobClient(key.value()).downloadContent().toBytes();
  }

  @Override
  protected Optional<String> contentType(ObjectKey key) {
    return Optional.of(container().getBlobClient(key.value()).getProperties().getContentType());
  }
}
