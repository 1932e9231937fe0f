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
 * @param interval the longest pause between two process runs; a run starts sooner when a job is due
 *     (a retry, a wait, a dead owner's lease) or a scan queued recordings
 * @param initialDelay the pause before the first run
 * @param retryBatch at most this many failed jobs due for a retry per run
 * @param batchSize jobs per run in all, filled up with what else is due
 * @param maxAttempts attempts before a recording is given up on and quarantined
 * @param retryDelay the wait after the first failed attempt; doubled after each further one
 * @param maxRetryDelay the longest wait between attempts
 * @param waitDelay the first wait of a job put back because of something outside the recording
 *     (EmpowerID, the disk, a takeover); doubled for each further put-back in a row
 * @param maxWaitDelay the longest such wait
 */
@Validated
@ConfigurationProperties("encoder.process")
public record ProcessSettings(
    @DefaultValue("10m") @NotNull Duration interval,
    @DefaultValue("20s") @NotNull Duration initialDelay,
    @DefaultValue("5") @Min(0) int retryBatch,
    @DefaultValue("10") @Min(1) @Max(1000) int batchSize,
    @DefaultValue("3") @Min(1) int maxAttempts,
    @DefaultValue("10m") @NotNull Duration retryDelay,
    @DefaultValue("6h") @NotNull Duration maxRetryDelay,
    @DefaultValue("15s") @NotNull Duration waitDelay,
    @DefaultValue("1m") @NotNull Duration maxWaitDelay) {}
