package io.recpipe.uploader.store.s3;

import io.recpipe.uploader.store.VideoStore;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.utility.DockerImageName;
import software.amazon.awssdk.services.s3.S3AsyncClient;

/**
 * The same contract on S3Mock's Docker image, for machines with Docker; skipped without it (the
 * exec-jar variant, {@link S3VideoStoreContractTest}, covers the same cases everywhere).
 */
@Testcontainers(disabledWithoutDocker = true)
class S3VideoStoreContainerTest extends S3Contract {

  private static final String BUCKET = "recordings";
  private static final AtomicLong uploads = new AtomicLong();

  @Container
  static final GenericContainer<?> s3mock =
      new GenericContainer<>(DockerImageName.parse("adobe/s3mock:5.2.0"))
          .withEnv("COM_ADOBE_TESTING_S3MOCK_STORE_INITIAL_BUCKETS", BUCKET)
          .withExposedPorts(9090)
          .waitingFor(Wait.forHttp("/").forPort(9090));

  private static S3AsyncClient client;
  private static S3VideoStore store;

  @BeforeAll
  static void connect() {
    String endpoint = "http://" + s3mock.getHost() + ":" + s3mock.getMappedPort(9090);
    client =
        S3Clients.client(
            "us-east-1",
            endpoint,
            true,
            "test-access-key",
            "test-secret-key",
            S3Fixtures.options(BUCKET, PART),
            4,
            new CountUploads(uploads));
    store = new S3VideoStore(client, S3Fixtures.options(BUCKET, PART));
  }

  @AfterAll
  static void disconnect() {
    if (client != null) {
      client.close();
    }
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
  protected S3AsyncClient client() {
    return client;
  }

  @Override
  protected String bucket() {
    return BUCKET;
  }
}
