package io.recpipe.simulator;

import io.recpipe.simulator.faults.FaultSpec;
import io.recpipe.simulator.sessions.StorageMode;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * The simulator's settings. Paths and status words default to the contract's seed words.
 *
 * @param tokenLifetime the {@code expires_in} of issued tokens; short values rehearse renewal
 * @param ownerTimeout how long an owner may stay quiet before another instance may take its session
 *     over (the tenant watchdog's time-out)
 * @param watchDir a folder whose {@code <id>.guac} or bare {@code <id>} files become closed
 *     sessions; {@code null} turns the watch off
 * @param faults faults active from start-up, as {@code POST /faults} would add them
 */
@Validated
@ConfigurationProperties("simulator")
public record SimulatorProperties(
    @NotBlank String apiKey,
    @NotBlank String clientId,
    @NotBlank String clientSecret,
    @NotNull Duration tokenLifetime,
    @NotNull @DurationMin(inclusive = false, message = "must be positive") Duration ownerTimeout,
    @Valid @NotNull Paths paths,
    @Valid @NotNull Words words,
    Path watchDir,
    @NotNull Duration watchInterval,
    @NotNull StorageMode defaultStorageMode,
    List<FaultSpec> faults) {

  public SimulatorProperties {
    faults = faults == null ? List.of() : List.copyOf(faults);
  }

  /** The contract's endpoints; {@code recordingStatus} holds a {@code {sessionId}} variable. */
  public record Paths(
      @NotBlank String token, @NotBlank String polling, @NotBlank String recordingStatus) {}

  /** The recording status words, one per step of the contract's table. */
  public record Words(
      @NotBlank String recorded,
      @NotBlank String processing,
      @NotBlank String processed,
      @NotBlank String processingFailed,
      @NotBlank String uploading,
      @NotBlank String uploaded,
      @NotBlank String uploadFailed) {

    /** Every word a status update may carry. */
    public Set<String> all() {
      return Set.of(
          recorded, processing, processed, processingFailed, uploading, uploaded, uploadFailed);
    }

    /** The words that end an owner's step, after which any instance may take the next one. */
    public Set<String> finalWords() {
      return Set.of(processed, processingFailed, uploaded, uploadFailed);
    }
  }

  /** Keeps the API key and client secret out of logs. */
  @Override
  public String toString() {
    return "SimulatorProperties[clientId="
        + clientId
        + ", tokenLifetime="
        + tokenLifetime
        + ", ownerTimeout="
        + ownerTimeout
        + ", paths="
        + paths
        + ", words="
        + words
        + ", watchDir="
        + watchDir
        + ", watchInterval="
        + watchInterval
        + ", defaultStorageMode="
        + defaultStorageMode
        + ", faults="
        + faults
        + "]";
  }
}
