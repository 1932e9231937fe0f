package io.recpipe.common.admin;

import io.recpipe.common.admin.AdminViews.Attempt;
import io.recpipe.common.admin.AdminViews.Word;
import io.recpipe.common.job.JobEvent;
import io.recpipe.common.job.JobState;
import io.recpipe.common.job.WaitReason;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Groups a session's history into attempts: each claim opens one, the next claim or a requeue
 * closes it; its settlement gives the outcome and the duration, and the words sent up to the next
 * claim belong to it (the final status is sent just after the settlement).
 */
final class Timelines {

  private Timelines() {}

  static List<Attempt> attempts(List<JobEvent> events) {
    var attempts = new ArrayList<Attempt>();
    Open open = null;
    for (JobEvent event : events) {
      switch (event.kind()) {
        case CLAIMED -> {
          if (open != null) {
            attempts.add(open.close());
          }
          open = new Open(event, attempts.size() + 1);
        }
        case SETTLED -> {
          if (open != null && open.settled == null) {
            open.settled = event;
          }
        }
        case STATUS -> {
          if (open != null) {
            open.words.add(
                new Word(
                    event.at(), event.instance(), event.word(), event.answer(), event.message()));
          }
        }
        case REQUEUED, FORGOTTEN, QUEUED -> {
          if (open != null) {
            attempts.add(open.close());
            open = null;
          }
        }
      }
    }
    if (open != null) {
      attempts.add(open.close());
    }
    return attempts;
  }

  private static final class Open {
    private final JobEvent claim;
    private final int number;
    private final List<Word> words = new ArrayList<>();
    private JobEvent settled;

    private Open(JobEvent claim, int number) {
      this.claim = claim;
      this.number = number;
    }

    Attempt close() {
      Instant settledAt = settled == null ? null : settled.at();
      JobState outcome = settled == null ? null : settled.to();
      WaitReason reason = settled == null ? null : settled.waitReason();
      String error = settled == null ? null : settled.message();
      Long millis = settledAt == null ? null : Duration.between(claim.at(), settledAt).toMillis();
      return new Attempt(
          number,
          claim.at(),
          claim.instance(),
          claim.from(),
          settledAt,
          outcome,
          reason,
          error,
          millis,
          List.copyOf(words));
    }
  }
}
