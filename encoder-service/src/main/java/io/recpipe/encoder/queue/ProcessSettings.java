package io.recpipe.encoder.queue;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The process job ({@code encoder.process.*}).
 *
 * @param interval the pause between the end of one run and the start of the next
 * @param retryBatch at most this many jobs due for a retry (or reclaimed) per run
 * @param batchSize jobs per run in all, filled up from the queue
 * @param maxAttempts attempts before a recording is given up on and quarantined
 * @param retryDelay the wait after the first failed attempt; doubled after each further one
 * @param maxRetryDelay the longest wait between attempts
 */
@Validated
@ConfigurationProperties("encoder.process")
public record ProcessSettings(
    @DefaultValue("10m") @NotNull Duration interval,
    @DefaultValue("5") @Min(0) int retryBatch,
    @DefaultValue("10") @Min(1) @Max(1000) int batchSize,
    @DefaultValue("3") @Min(1) int maxAttempts,
    @DefaultValue("10m") @NotNull Duration retryDelay,
    @DefaultValue("6h") @NotNull Duration maxRetryDelay) {

  /** The wait after the given number of failed attempts: doubling, capped. */
  public Duration delayAfter(int attempts) {
    Duration delay = retryDelay;
    for (int i = 1; i < attempts && delay.compareTo(maxRetryDelay) < 0; i++) {
      delay = delay.multipliedBy(2);
    }
    return delay.compareTo(maxRetryDelay) > 0 ? maxRetryDelay : delay;
  }
}
