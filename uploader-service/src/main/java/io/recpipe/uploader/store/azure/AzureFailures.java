package io.recpipe.uploader.store.azure;

import com.azure.storage.blob.models.BlobErrorCode;
import com.azure.storage.blob.models.BlobStorageException;
import io.recpipe.uploader.store.VideoStoreException;

/** Translates Azure SDK failures into transient or permanent {@link VideoStoreException}s. */
final class AzureFailures {

  private AzureFailures() {}

  static boolean isContainerMissing(BlobStorageException e) {
    return BlobErrorCode.CONTAINER_NOT_FOUND.equals(e.getErrorCode());
  }

  static VideoStoreException translate(String action, String what, RuntimeException e) {
    if (e instanceof VideoStoreException translated) {
      return translated;
    }
    String message = "Azure Blob " + action + " failed: " + what;
    if (e instanceof BlobStorageException blob) {
      int status = blob.getStatusCode();
      message += ", status " + status + ", code " + blob.getErrorCode();
      if (status == 401 || status == 403 || isContainerMissing(blob)) {
        return VideoStoreException.permanent(message, e);
      }
    }
    if (e instanceof IllegalArgumentException) {
      return VideoStoreException.permanent(message, e);
    }
    return VideoStoreException.transientFailure(message, e);
  }
}
