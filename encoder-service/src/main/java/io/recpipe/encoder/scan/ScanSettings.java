package io.recpipe.encoder.scan;

import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The scan job ({@code encoder.scan.*}).
 *
 * @param interval the pause between two scans (sooner after a skipped scan or busy files)
 * @param initialDelay the pause before the first scan
 * @param stableCheck the pause between the two looks at a new file's size; a file whose size
 *     changed in between is still being written
 * @param lockAtMostFor how long the scan's lock holds without being extended; it is extended while
 *     the scan runs, so this bounds how long a dead instance keeps others from scanning
 */
@Validated
@ConfigurationProperties("encoder.scan")
public record ScanSettings(
    @DefaultValue("5m") @NotNull Duration interval,
    @DefaultValue("10s") @NotNull Duration initialDelay,
    @DefaultValue("2s") @NotNull Duration stableCheck,
    @DefaultValue("1m") @NotNull Duration lockAtMostFor) {}
