package io.recpipe.uploader.store.azure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.azure.core.http.HttpHeaderName;
import com.azure.core.http.HttpMethod;
import com.azure.core.http.policy.HttpPipelinePolicy;
import com.azure.storage.blob.BlobContainerClient;
import io.recpipe.uploader.store.VideoStore;
import io.recpipe.uploader.store.VideoStoreException;
import io.recpipe.uploader.testing.AzuriteServer;
import io.recpipe.uploader.testing.ServersExtension;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The store contract on Azurite, started from tools/azurite by the test itself. */
@ExtendWith(ServersExtension.class)
class AzureBlobVideoStoreContractTest extends AzureBlobContract {

  private static final AtomicLong uploads = new AtomicLong();
  private static final AtomicLong blockPuts = new AtomicLong();
  private static final AtomicLong blockPutsWithMd5 = new AtomicLong();
  private static AzuriteServer server;
  private static BlobContainerClient container;
  private static AzureBlobVideoStore store;

  @BeforeAll
  static void connect(AzuriteServer azurite) {
    server = azurite;
    container = containerClient(azurite, "contract");
    container.createIfNotExists();
    store = new AzureBlobVideoStore(container, BLOCK, 4);
  }

  static BlobContainerClient containerClient(AzuriteServer azurite, String name) {
    HttpPipelinePolicy countUploads =
        (context, next) -> {
          var request = context.getHttpRequest();
          if (request.getHttpMethod() == HttpMethod.PUT) {
            uploads.incrementAndGet();
            if (String.valueOf(request.getUrl().getQuery()).contains("comp=block&")
                || String.valueOf(request.getUrl().getQuery()).endsWith("comp=block")) {
              blockPuts.incrementAndGet();
              if (request.getHeaders().getValue(HttpHeaderName.CONTENT_MD5) != null) {
                blockPutsWithMd5.incrementAndGet();
              }
            }
          }
          return next.process();
        };
    return AzureBlobClients.container(azurite.connectionString(), null, name, 2, countUploads);
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
  protected BlobContainerClient container() {
    return container;
  }

  @Override
  protected Optional<Killable> killable() {
    return server.process().map(p -> new Killable(p, server.dataDir().orElseThrow()));
  }

  @Override
  protected void serverRestarted() {
    // Azurite keeps its container list in a LokiJS file saved every few seconds: killed soon after
    // the container was made, it comes back without it (Azure itself never loses a container).
    container.createIfNotExists();
  }

  @Test
  void everyBlockCarriesATransactionalMd5() throws Exception {
    Path mp4 = file("blocks.mp4", 3 * BLOCK + 1000, 12);
    long blocksBefore = blockPuts.get();
    long withMd5Before = blockPutsWithMd5.get();

    store.put(mp4, freshKey(), metadataOf(mp4));

    assertThat(blockPuts.get() - blocksBefore).isEqualTo(4);
    assertThat(blockPutsWithMd5.get() - withMd5Before).isEqualTo(4);
  }

  @Test
  void aMissingContainerIsAPermanentFailure() throws Exception {
    var elsewhere = new AzureBlobVideoStore(containerClient(server, "no-such-container"), BLOCK, 2);
    Path mp4 = file("a.mp4", 1000, 9);

    assertThatThrownBy(elsewhere::checkAccess)
        .isInstanceOfSatisfying(
            VideoStoreException.class, e -> assertThat(e.isTransient()).isFalse());
    assertThatThrownBy(() -> elsewhere.put(mp4, freshKey(), metadataOf(mp4)))
        .isInstanceOfSatisfying(
            VideoStoreException.class, e -> assertThat(e.isTransient()).isFalse());
  }
}
