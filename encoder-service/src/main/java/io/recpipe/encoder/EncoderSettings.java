package io.recpipe.encoder;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Where the encoder reads and writes, and how it works ({@code encoder.*} in {@code
 * application.yml}, where each setting is described).
 *
 * @param quarantineDir where recordings the encoder gave up on go, with a reason file; {@code
 *     <data-dir>/quarantine} when not set
 * @param parallelism conversions run at once; the number of cores when 0
 * @param lease how long a claim holds without renewal; renewed every third of it while the work
 *     runs, so a dead instance's jobs are taken over about a lease after it died
 * @param shutdownGrace on SIGTERM, how long running conversions may finish before they are stopped
 *     and put back without using an attempt
 * @param instanceId this replica's stable name (owner of its claims, its EmpowerID process
 *     instance); when not set, generated once and kept in {@code <data-dir>/instance-id}
 */
@Validated
@ConfigurationProperties("encoder")
public record EncoderSettings(
    @DefaultValue("/session_files") @NotNull Path recordingsDir,
    @DefaultValue("/recording") @NotNull Path outputDir,
    @DefaultValue("./data") @NotNull Path dataDir,
    Path quarantineDir,
    @DefaultValue("0") @Min(0) int parallelism,
    @DefaultValue("1m") @NotNull Duration lease,
    @DefaultValue("20s") @NotNull Duration shutdownGrace,
    @DefaultValue("native") @NotNull ConverterKind converter,
    @Pattern(regexp = "[A-Za-z0-9._-]{1,100}") String instanceId,
    @DefaultValue("true") boolean deleteSource,
    @DefaultValue("1GB") @NotNull DataSize minFreeDisk) {

  /** The converters there are. */
  public enum ConverterKind {
    NATIVE,
    GUACENC
  }

  public EncoderSettings {
    if (quarantineDir == null && dataDir != null) {
      quarantineDir = dataDir.resolve("quarantine");
    }
    if (parallelism == 0) {
      parallelism = Runtime.getRuntime().availableProcessors();
    }
    if (lease != null && lease.compareTo(Duration.ofSeconds(1)) < 0) {
      throw new IllegalArgumentException("encoder.lease must be at least 1s, was: " + lease);
    }
  }
}
