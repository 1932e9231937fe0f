package io.recpipe.uploader.store.azure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.azure.core.http.HttpHeaderName;
import com.azure.core.http.HttpMethod;
import com.azure.core.http.policy.HttpPipelinePolicy;
import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.common.sas.AccountSasPermission;
import com.azure.storage.common.sas.AccountSasResourceType;
import com.azure.storage.common.sas.AccountSasService;
import com.azure.storage.common.sas.AccountSasSignatureValues;
import io.recpipe.common.admin.VideoSource;
import io.recpipe.uploader.store.ObjectKey;
import io.recpipe.uploader.store.VideoStore;
import io.recpipe.uploader.store.VideoStoreException;
import io.recpipe.uploader.testing.AzuriteServer;
import io.recpipe.uploader.testing.ServersExtension;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
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

  @Test
  void anExpiredLinkIsRefusedByTheServer() throws Exception {
    Path mp4 = file("expired.mp4", 10_000, 13);
    ObjectKey key = freshKey();
    store.put(mp4, key, metadataOf(mp4));
    Instant anHourAgo = Instant.now().minus(Duration.ofHours(1));

    VideoSource access = store.readAccess(key, anHourAgo, Duration.ofMinutes(5)).orElseThrow();

    assertThat(access).isInstanceOf(VideoSource.Link.class);
    assertThat(((VideoSource.Link) access).expiresAt()).isBefore(Instant.now());
    assertThat(ranged(((VideoSource.Link) access).url(), "bytes=0-99").statusCode()).isEqualTo(403);
  }

  @Test
  void aCredentialWithoutTheAccountKeyCannotMakeALinkAndSaysWhy() throws Exception {
    Path mp4 = file("sas-only.mp4", 10_000, 14);
    ObjectKey key = freshKey();
    store.put(mp4, key, metadataOf(mp4));
    String accountSas =
        container
            .getServiceClient()
            .generateAccountSas(
                new AccountSasSignatureValues(
                    OffsetDateTime.now(ZoneOffset.UTC).plusHours(1),
                    AccountSasPermission.parse("rl"),
                    AccountSasService.parse("b"),
                    AccountSasResourceType.parse("sco")));
    String sasOnly =
        "BlobEndpoint="
            + container.getServiceClient().getAccountUrl()
            + ";SharedAccessSignature="
            + accountSas;
    var withoutKey =
        new AzureBlobVideoStore(AzureBlobClients.container(sasOnly, null, "contract", 1), BLOCK, 2);

    VideoSource access =
        withoutKey.readAccess(key, Instant.now(), Duration.ofMinutes(5)).orElseThrow();

    assertThat(access).isInstanceOf(VideoSource.Unavailable.class);
    assertThat(((VideoSource.Unavailable) access).reason())
        .contains("cannot sign a read-only link");
  }
}
