package io.recpipe.uploader;

import io.recpipe.uploader.store.s3.S3StoreOptions;
import io.recpipe.uploader.upload.AfterUpload;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * The uploader's settings ({@code uploader.*}; each is described in {@code application.yml}).
 *
 * @param doneDir where {@code after-upload: move} puts uploaded MP4s; {@code <data-dir>/done} when
 *     not set
 * @param parallelism uploads at once
 * @param lease how long a claim holds without renewal; renewed every third of it while uploading
 * @param shutdownGrace on SIGTERM, how long running uploads may finish before they are stopped and
 *     put back without using an attempt
 * @param instanceId this replica's stable name (owner of its claims, its EmpowerID process
 *     instance); when not set, generated once and kept in {@code <data-dir>/instance-id}
 * @param storeHealthInterval how long a store's live access check (one request to S3, Azure or the
 *     directory) answers health calls before it is made again
 * @param keyTemplate object names: {@code {prefix}}, {@code {yyyy}}, {@code {MM}}, {@code {dd}}
 *     (from the MP4's last-modified time, UTC) and {@code {sessionId}}
 */
@Validated
@ConfigurationProperties("uploader")
public record UploaderSettings(
    @DefaultValue("/recording") @NotNull Path recordingsDir,
    @DefaultValue("./data") @NotNull Path dataDir,
    @DefaultValue("delete") @NotNull AfterUpload afterUpload,
    Path doneDir,
    @DefaultValue("2") @Min(1) int parallelism,
    @DefaultValue("1m") @NotNull Duration lease,
    @DefaultValue("20s") @NotNull Duration shutdownGrace,
    @Pattern(regexp = "[A-Za-z0-9._-]{1,100}") String instanceId,
    @DefaultValue("{prefix}/{yyyy}/{MM}/{dd}/{sessionId}.mp4") @NotBlank String keyTemplate,
    @DefaultValue("1GB") @NotNull DataSize minFreeDisk,
    @DefaultValue("30s") @NotNull Duration storeHealthInterval,
    @DefaultValue @Valid @NotNull Scan scan,
    @DefaultValue @Valid @NotNull Upload upload,
    @DefaultValue @Valid @NotNull Scheduling scheduling,
    @DefaultValue @Valid @NotNull Routes routes,
    @DefaultValue @Valid @NotNull Store store) {

  public UploaderSettings {
    if (doneDir == null && dataDir != null) {
      doneDir = dataDir.resolve("done");
    }
  }

  /**
   * @param quietPeriod a file unchanged for this long (by its last-modified time) counts as
   *     finished at the first look; others must keep their size between two scans
   */
  public record Scan(
      @DefaultValue("5m") @NotNull Duration interval,
      @DefaultValue("10s") @NotNull Duration initialDelay,
      @DefaultValue("1m") @NotNull Duration quietPeriod,
      @DefaultValue("1m") @NotNull Duration lockAtMostFor) {}

  /**
   * @param interval the longest pause between two upload runs; a run starts sooner when a job is
   *     due or a scan queued MP4s
   * @param waitDelay the first wait of a job put back because of something outside the recording
   *     (EmpowerID, the store, a takeover); doubled for each further put-back in a row
   */
  public record Upload(
      @DefaultValue("5m") @NotNull Duration interval,
      @DefaultValue("20s") @NotNull Duration initialDelay,
      @DefaultValue("10") @Min(1) int batchSize,
      @DefaultValue("5") @Min(0) int retryBatch,
      @DefaultValue("3") @Min(1) int maxAttempts,
      @DefaultValue("5m") @NotNull Duration retryDelay,
      @DefaultValue("6h") @NotNull Duration maxRetryDelay,
      @DefaultValue("15s") @NotNull Duration waitDelay,
      @DefaultValue("1m") @NotNull Duration maxWaitDelay) {}

  /**
   * @param enabled false: no timers (tests and one-off runs call runOnce())
   */
  public record Scheduling(@DefaultValue("true") boolean enabled) {}

  /**
   * Which store each storage mode uses.
   *
   * @param allToFile send every mode to the file store (local runs and demos)
   */
  public record Routes(
      @DefaultValue("s3") @NotNull StoreKind aws,
      @DefaultValue("azure") @NotNull StoreKind azure,
      @DefaultValue("file") @NotNull StoreKind file,
      @DefaultValue("false") boolean allToFile) {}

  /** The stores there are. */
  public enum StoreKind {
    S3,
    AZURE,
    FILE
  }

  public record Store(
      @DefaultValue @Valid @NotNull FileStore file,
      @DefaultValue @Valid @NotNull S3Store s3,
      @DefaultValue @Valid @NotNull AzureStore azure) {}

  /** The directory store; {@code <data-dir>/videos} when root is not set. */
  public record FileStore(Path root) {}

  /** The S3 store; enabled when a bucket is set. Secrets are masked in {@link #toString()}. */
  public record S3Store(
      String bucket,
      @DefaultValue("") String prefix,
      @DefaultValue("us-east-1") @NotBlank String region,
      String endpoint,
      @DefaultValue("false") boolean pathStyle,
      String accessKey,
      String secretKey,
      @DefaultValue("none") @NotNull S3StoreOptions.Encryption sse,
      String kmsKeyId,
      @DefaultValue("16MB") @NotNull DataSize multipartThreshold,
      @DefaultValue("8MB") @NotNull DataSize partSize,
      @DefaultValue("4") @Min(1) int maxConcurrency) {

    public S3Store {
      if (partSize != null && partSize.toBytes() < 5L * 1024 * 1024) {
        throw new IllegalArgumentException("uploader.store.s3.part-size must be at least 5MB");
      }
    }

    public boolean enabled() {
      return bucket != null && !bucket.isBlank();
    }

    @Override
    public String toString() {
      return "S3Store[bucket=%s, prefix=%s, region=%s, endpoint=%s, accessKey=%s, secretKey=%s]"
          .formatted(bucket, prefix, region, endpoint, mask(accessKey), mask(secretKey));
    }
  }

  /** The Azure Blob store; enabled when a container is set. */
  public record AzureStore(
      String container,
      String connectionString,
      String endpoint,
      @DefaultValue("") String prefix,
      @DefaultValue("8MB") @NotNull DataSize blockSize,
      @DefaultValue("4") @Min(1) int maxConcurrency,
      @DefaultValue("4") @Min(1) int maxTries) {

    public boolean enabled() {
      return container != null && !container.isBlank();
    }

    @Override
    public String toString() {
      return "AzureStore[container=%s, endpoint=%s, prefix=%s, connectionString=%s]"
          .formatted(container, endpoint, prefix, mask(connectionString));
    }
  }

  static String mask(String secret) {
    return secret == null || secret.isEmpty() ? "(none)" : "****";
  }
}
