package io.recpipe.uploader.store.azure;

import com.azure.core.http.policy.HttpPipelinePolicy;
import com.azure.identity.DefaultAzureCredentialBuilder;
import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.BlobServiceClientBuilder;
import com.azure.storage.common.policy.RequestRetryOptions;
import com.azure.storage.common.policy.RetryPolicyType;
import java.time.Duration;

/**
 * Builds the container client from a connection string, or from an endpoint with {@code
 * DefaultAzureCredential} (managed identity, environment, workload identity) when none is given.
 */
public final class AzureBlobClients {

  private AzureBlobClients() {}

  public static BlobContainerClient container(
      String connectionString,
      String endpoint,
      String containerName,
      int maxTries,
      HttpPipelinePolicy... policies) {
    var builder =
        new BlobServiceClientBuilder()
            .retryOptions(
                new RequestRetryOptions(
                    RetryPolicyType.EXPONENTIAL,
                    maxTries,
                    Duration.ofMinutes(5),
                    Duration.ofMillis(500),
                    Duration.ofSeconds(10),
                    null));
    for (HttpPipelinePolicy policy : policies) {
      builder.addPolicy(policy);
    }
    if (connectionString != null && !connectionString.isBlank()) {
      builder.connectionString(connectionString);
    } else if (endpoint != null && !endpoint.isBlank()) {
      builder.endpoint(endpoint).credential(new DefaultAzureCredentialBuilder().build());
    } else {
      throw new IllegalArgumentException(
          "uploader.store.azure needs a connection-string or an endpoint");
    }
    return builder.buildClient().getBlobContainerClient(containerName);
  }
}
