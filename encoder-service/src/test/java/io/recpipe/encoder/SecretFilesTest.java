package io.recpipe.encoder;

import static org.assertj.core.api.Assertions.assertThat;

import io.recpipe.common.empowerid.EmpowerIdProperties;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;

/**
 * Secrets as files (as Docker and Kubernetes mount them): each file in {@code recpipe.secrets-dir}
 * is the setting it is named after; the trailing newline of a file is not part of the value.
 */
class SecretFilesTest {

  @TempDir Path root;

  @Test
  void theEmpowerIdSecretsComeFromFilesNamedAfterTheirSettings() throws Exception {
    Path secrets = Files.createDirectories(root.resolve("secrets"));
    Files.writeString(secrets.resolve("empowerid.api-key"), "key-from-a-file\n");
    Files.writeString(secrets.resolve("empowerid.client-secret"), "secret-from-a-file\n");

    try (var context =
        new SpringApplicationBuilder(EncoderApplication.class)
            .run(
                "--spring.main.web-application-type=none",
                "--recpipe.secrets-dir=" + secrets,
                "--encoder.data-dir=" + root.resolve("data"),
                "--encoder.recordings-dir=" + Files.createDirectories(root.resolve("in")),
                "--encoder.output-dir=" + root.resolve("out"),
                "--encoder.scheduling.enabled=false",
                "--empowerid.base-url=http://127.0.0.1:9",
                "--empowerid.client-id=c")) {
      EmpowerIdProperties empowerId = context.getBean(EmpowerIdProperties.class);

      assertThat(empowerId.apiKey()).isEqualTo("key-from-a-file");
      assertThat(empowerId.clientSecret()).isEqualTo("secret-from-a-file");
    }
  }
}
