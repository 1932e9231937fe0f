package io.recpipe.uploader.store.s3;

import java.net.URI;
import java.util.List;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.multipart.MultipartConfiguration;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/** Builds the async S3 client with the SDK's Java-based multipart upload (no CRT). */
public final class S3Clients {

  private S3Clients() {}

  /**
   * @param endpoint an S3-compatible endpoint, or null for AWS
   * @param accessKey null or blank to use the default credential chain
   * @param maxConcurrency parts in flight at once; memory is about this times the part size
   * @param interceptors extra request interceptors (tests count requests with one)
   */
  public static S3AsyncClient client(
      String region,
      String endpoint,
      boolean pathStyle,
      String accessKey,
      String secretKey,
      S3StoreOptions options,
      int maxConcurrency,
      ExecutionInterceptor... interceptors) {
    var builder =
        S3AsyncClient.builder()
            .region(Region.of(region))
            .credentialsProvider(credentials(accessKey, secretKey))
            .forcePathStyle(pathStyle)
            .overrideConfiguration(o -> List.of(interceptors).forEach(o::addExecutionInterceptor))
            .multipartEnabled(true)
            .multipartConfiguration(
                MultipartConfiguration.builder()
                    .thresholdInBytes(options.multipartThreshold())
                    .minimumPartSizeInBytes(options.partSize())
                    .apiCallBufferSizeInBytes(options.partSize() * maxConcurrency)
                    .build());
    if (endpoint != null && !endpoint.isBlank()) {
      builder.endpointOverride(URI.create(endpoint));
    }
    return builder.build();
  }

  /** Signs read links with the same region, endpoint, addressing and credentials as the client. */
  public static S3Presigner presigner(
      String region, String endpoint, boolean pathStyle, String accessKey, String secretKey) {
    var builder =
        S3Presigner.builder()
            .region(Region.of(region))
            .credentialsProvider(credentials(accessKey, secretKey))
            .serviceConfiguration(
                S3Configuration.builder().pathStyleAccessEnabled(pathStyle).build());
    if (endpoint != null && !endpoint.isBlank()) {
      builder.endpointOverride(URI.create(endpoint));
    }
    return builder.build();
  }

  private static AwsCredentialsProvider credentials(String accessKey, String secretKey) {
    if (accessKey == null || accessKey.isBlank()) {
      return DefaultCredentialsProvider.builder().build();
    }
    return StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, secretKey));
  }
}
