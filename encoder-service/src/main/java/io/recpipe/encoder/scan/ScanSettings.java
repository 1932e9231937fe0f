package io.recpipe.encoder.scan;

import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The scan job ({@code encoder.scan.*}).
 *
 * @param interval the pause between the end of one scan and the start of the next
 * @param stableCheck the pause between the two looks at a new file's size; a file whose size
 *     changed in between is still being written
 */
@Validated
@ConfigurationProperties("encoder.scan")
public record ScanSettings(
    @DefaultValue("5m") @NotNull Duration interval,
    @DefaultValue("2s") @NotNull Duration stableCheck) {}
