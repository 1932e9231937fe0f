package io.recpipe.uploader.e2e;

import io.recpipe.uploader.testing.Servers;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * The settings every end-to-end test shares: fresh directories, no timers, no waits, S3 on S3Mock
 * (bucket given) and EmpowerID on the test's stub; each test adds what it is about.
 */
final class E2eProperties {

  private E2eProperties() {}

  /**
   * @param name the temporary directory's prefix and the EmpowerID process-instance name
   * @return the work directory, holding {@code recording/} (the MP4s) and {@code data/}
   */
  static Path register(
      DynamicPropertyRegistry registry, String name, EmpowerIdStub empowerId, String bucket)
      throws IOException {
    Path work = Files.createTempDirectory(name + "-");
    Files.createDirectories(work.resolve("recording"));
    registry.add("uploader.recordings-dir", () -> work.resolve("recording").toString());
    registry.add("uploader.data-dir", () -> work.resolve("data").toString());
    registry.add("uploader.scheduling.enabled", () -> "false");
    registry.add("uploader.scan.quiet-period", () -> "0s");
    registry.add("uploader.upload.retry-delay", () -> "0s");
    registry.add("uploader.store.s3.bucket", () -> bucket);
    registry.add("uploader.store.s3.endpoint", () -> Servers.s3mock().endpoint());
    registry.add("uploader.store.s3.path-style", () -> "true");
    registry.add("uploader.store.s3.access-key", () -> "test-access-key");
    registry.add("uploader.store.s3.secret-key", () -> "test-secret-key");
    registry.add("empowerid.base-url", empowerId::baseUrl);
    registry.add("empowerid.api-key", () -> "test-api-key");
    registry.add("empowerid.client-id", () -> "recpipe");
    registry.add("empowerid.client-secret", () -> "test-secret");
    registry.add("empowerid.process-instance", () -> name);
    return work;
  }
}
