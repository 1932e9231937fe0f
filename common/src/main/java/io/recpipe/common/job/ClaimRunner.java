package io.recpipe.common.job;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Works on a run's claimed jobs at once on an executor and counts how each ended. A job whose work
 * throws stays RUNNING (its lease runs out and a later run takes it again) and counts as {@code
 * lost}.
 */
public final class ClaimRunner {

  private static final Logger log = LoggerFactory.getLogger(ClaimRunner.class);

  private ClaimRunner() {}

  /**
   * Runs {@code work} for every claim on {@code executor} and waits for all of them.
   *
   * @return how many jobs ended with each outcome
   */
  public static <O extends Enum<O>> EnumMap<O, Integer> runAll(
      ExecutorService executor, List<Claim> claims, Function<Claim, O> work, O lost)
      throws InterruptedException {
    var outcomes = new EnumMap<O, Integer>(lost.getDeclaringClass());
    List<Future<O>> running = new ArrayList<>();
    for (Claim claim : claims) {
      running.add(executor.submit(() -> work.apply(claim)));
    }
    for (int i = 0; i < running.size(); i++) {
      O outcome;
      try {
        outcome = running.get(i).get();
      } catch (ExecutionException e) {
        log.warn(
            "Work on a job broke; it is retried when its lease expires. session: {}",
            claims.get(i).job().sessionId(),
            e.getCause());
        outcome = lost;
      }
      outcomes.merge(outcome, 1, Integer::sum);
    }
    return outcomes;
  }
}
