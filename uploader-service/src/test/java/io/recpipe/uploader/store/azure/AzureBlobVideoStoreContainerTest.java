package io.recpipe.uploader.store.azure;

import com.azure.core.http.HttpMethod;
import com.azure.core.http.policy.HttpPipelinePolicy;
import com.azure.storage.blob.BlobContainerClient;
import io.recpipe.uploader.store.VideoStore;
import io.recpipe.uploader.testing.AzuriteServer;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeAll;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.utility.DockerImageName;

/**
 * The same contract on Azurite's Docker image, for machines with Docker; skipped without it (the
 * npm variant, {@link AzureBlobVideoStoreContractTest}, covers the same cases everywhere).
 */
@Testcontainers(disabledWithoutDocker = true)
class AzureBlobVideoStoreContainerTest extends AzureBlobContract {

  private static final AtomicLong uploads = new AtomicLong();

  @Container
  static final GenericContainer<?> azurite =
      new GenericContainer<>(
              DockerImageName.parse("mcr.microsoft.com/azure-storage/azurite:3.35.0"))
          .withCommand("azurite-blob", "--blobHost", "0.0.0.0", "--skipApiVersionCheck", "--loose")
          .withExposedPorts(10000);

  private static BlobContainerClient container;
  private static AzureBlobVideoStore store;

  @BeforeAll
  static void connect() {
    String connection =
        "DefaultEndpointsProtocol=http;AccountName="
            + AzuriteServer.ACCOUNT
            + ";AccountKey="
            + AzuriteServer.KEY
            + ";BlobEndpoint=http://"
            + azurite.getHost()
            + ":"
            + azurite.getMappedPort(10000)
            + "/"
            + AzuriteServer.ACCOUNT
            + ";";
    HttpPipelinePolicy countUploads =
        (context, next) -> {
          if (context.getHttpRequest().getHttpMethod() == HttpMethod.PUT) {
            uploads.incrementAndGet();
          }
          return next.process();
        };
    container = AzureBlobClients.container(connection, null, "contract", 2, countUploads);
    container.createIfNotExists();
    store = new AzureBlobVideoStore(container, BLOCK, 4);
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
}
