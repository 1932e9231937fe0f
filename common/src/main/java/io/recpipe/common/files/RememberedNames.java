package io.recpipe.common.files;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Duration;

/**
 * The names a directory scan has already reported (files it leaves alone and WARNs about), so that
 * each is reported once and not at every scan. Bounded in both ways: at most {@code maximum} names,
 * each forgotten {@code forgetAfter} after it was reported. A directory full of bad names cannot
 * grow the memory, and a bad file still there the next day is reported again. Past the bound, a few
 * names may be reported more than once.
 */
public final class RememberedNames {

  private final Cache<String, Boolean> names;

  public RememberedNames(long maximum, Duration forgetAfter) {
    this(maximum, forgetAfter, Ticker.systemTicker());
  }

  /** With its own time source (tests advance a fake one). */
  public RememberedNames(long maximum, Duration forgetAfter, Ticker ticker) {
    this.names =
        Caffeine.newBuilder()
            .maximumSize(maximum)
            .expireAfterWrite(forgetAfter)
            .ticker(ticker)
            // Evictions run on the caller's thread: a small cache needs no pool, and tests see
            // the bound at once.
            .executor(Runnable::run)
            .build();
  }

  /** Whether {@code name} is new (so the caller reports it now); it is remembered from now on. */
  public boolean firstSight(String name) {
    return names.asMap().putIfAbsent(name, Boolean.TRUE) == null;
  }

  /** How many names are remembered now. */
  public long size() {
    names.cleanUp();
    return names.estimatedSize();
  }
}
