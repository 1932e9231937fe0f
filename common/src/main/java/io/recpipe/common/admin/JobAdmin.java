package io.recpipe.common.admin;

import io.recpipe.common.admin.AdminViews.Activity;
import io.recpipe.common.admin.AdminViews.Claiming;
import io.recpipe.common.admin.AdminViews.Forgot;
import io.recpipe.common.admin.AdminViews.Hour;
import io.recpipe.common.admin.AdminViews.JobPage;
import io.recpipe.common.admin.AdminViews.JobView;
import io.recpipe.common.admin.AdminViews.Oldest;
import io.recpipe.common.admin.AdminViews.RequeueAnswer;
import io.recpipe.common.admin.AdminViews.Requeued;
import io.recpipe.common.admin.AdminViews.Summary;
import io.recpipe.common.admin.AdminViews.Timeline;
import io.recpipe.common.job.JdbcJobStore;
import io.recpipe.common.job.JobEvent;
import io.recpipe.common.job.JobRunner;
import io.recpipe.common.job.JobState;
import io.recpipe.common.job.Requeue;
import io.recpipe.common.job.WaitReason;
import io.recpipe.common.session.SessionId;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What an operator sees and steers in one service: its jobs by state and waiting reason, a
 * session's history, requeues of failed jobs, forgetting a job, and pausing this instance's claims.
 * Each service makes one (its store, its {@link Requeue}, its runner); {@link AdminController}
 * serves it on the management port.
 */
public final class JobAdmin {

  /** The most jobs one page or one requeue of every failed job takes. */
  public static final int MAX_PAGE = 500;

  private static final int MAX_EVENTS = 50_000;

  private final String service;
  private final JdbcJobStore jobs;
  private final Requeue requeue;
  private final JobRunner runner;
  private final String otherConsole;
  private final LocalVideos videos;
  private final StoredVideos stored;
  private final Clock clock;

  /**
   * @param service the service's name ({@code encoder}, {@code uploader})
   * @param otherConsole the other service's console URL; null or blank when there is none
   * @param videos where the service keeps MP4s on its disk (the console plays them)
   */
  public JobAdmin(
      String service,
      JdbcJobStore jobs,
      Requeue requeue,
      JobRunner runner,
      String otherConsole,
      LocalVideos videos,
      Clock clock) {
    this(service, jobs, requeue, runner, otherConsole, videos, StoredVideos.none(), clock);
  }

  /**
   * @param stored where the service's videos are once they left its disk (the console plays them
   *     through a short-lived link)
   */
  public JobAdmin(
      String service,
      JdbcJobStore jobs,
      Requeue requeue,
      JobRunner runner,
      String otherConsole,
      LocalVideos videos,
      StoredVideos stored,
      Clock clock) {
    this.service = service;
    this.jobs = jobs;
    this.requeue = requeue;
    this.runner = runner;
    this.otherConsole = otherConsole == null || otherConsole.isBlank() ? null : otherConsole;
    this.videos = videos;
    this.stored = stored;
    this.clock = clock;
  }

  public String service() {
    return service;
  }

  public Summary summary() {
    Instant now = clock.instant();
    Oldest oldest =
        jobs.oldestWaiting()
            .map(
                j ->
                    new Oldest(
                        j.sessionId().value(),
                        j.state(),
                        j.createdAt(),
                        Math.max(0, Duration.between(j.createdAt(), now).toSeconds())))
            .orElse(null);
    return new Summary(
        service,
        runner.owner(),
        runner.isPaused(),
        jobs.countsByState(),
        jobs.countsWaitingByReason(),
        oldest,
        runner.runningNow().stream().map(SessionId::value).sorted().toList(),
        otherConsole);
  }

  /** Jobs in {@code state} (null: all), waiting for {@code reason} (null: any), a page. */
  public JobPage page(JobState state, WaitReason reason, int page, int size) {
    int limit = Math.max(1, Math.min(size, MAX_PAGE));
    int from = Math.max(0, page);
    List<JobView> views =
        jobs.page(state, reason, from * limit, limit).stream().map(JobView::of).toList();
    return new JobPage(
        state,
        reason,
        from,
        limit,
        jobs.count(state, reason),
        jobs.countsByState(),
        jobs.countsWaitingByReason(),
        views);
  }

  /** One session's history; empty when the session never had a job here. */
  public Optional<Timeline> timeline(SessionId id) {
    Optional<JobView> job = jobs.find(id).map(JobView::of);
    List<JobEvent> events = jobs.events().of(id);
    if (job.isEmpty() && events.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        new Timeline(id.value(), job.orElse(null), Timelines.attempts(events), events));
  }

  /** Requeues each failed job named; each answer says why not where it could not. */
  public RequeueAnswer requeue(List<String> sessions) {
    var answers = new ArrayList<Requeued>();
    for (String raw : sessions) {
      Optional<SessionId> id = SessionId.parse(raw);
      if (id.isEmpty()) {
        answers.add(new Requeued(SessionId.describe(raw), false, "not a session id"));
        continue;
      }
      Optional<String> problem;
      try {
        problem = requeue.requeue(id.get());
      } catch (RuntimeException e) {
        problem = Optional.of(String.valueOf(e.getMessage()));
      }
      answers.add(new Requeued(id.get().value(), problem.isEmpty(), problem.orElse(null)));
    }
    int done = (int) answers.stream().filter(Requeued::requeued).count();
    return new RequeueAnswer(done, answers.size() - done, answers);
  }

  /** Requeues every failed job (at most {@link #MAX_PAGE} at once). */
  public RequeueAnswer requeueAllFailed() {
    return requeue(
        jobs.page(JobState.FAILED, null, 0, MAX_PAGE).stream()
            .map(j -> j.sessionId().value())
            .toList());
  }

  /** The session's MP4: on this service's disk when it is there, else where it is stored. */
  public Optional<VideoSource> video(SessionId id) {
    Optional<VideoSource> local = videos.find(id).map(VideoSource.LocalFile::new);
    return local.isPresent() ? local : stored.find(id);
  }

  public Forgot forget(SessionId id) {
    return new Forgot(id.value(), jobs.forget(id, clock.instant()).name());
  }

  public Claiming pause() {
    runner.pause();
    return claiming();
  }

  public Claiming resume() {
    runner.resume();
    return claiming();
  }

  public Claiming claiming() {
    return new Claiming(runner.owner(), runner.isPaused());
  }

  /** Claims and settlements per hour over the last {@code hours} (at most a week). */
  public Activity activity(int hours) {
    int span = Math.max(1, Math.min(hours, 24 * 7));
    Instant to = clock.instant().truncatedTo(ChronoUnit.HOURS).plus(1, ChronoUnit.HOURS);
    Instant from = to.minus(span, ChronoUnit.HOURS);
    int[][] counts = new int[span][5];
    for (JobEvent e : jobs.events().movesSince(from, MAX_EVENTS)) {
      int hour = (int) Duration.between(from, e.at()).toHours();
      if (hour < 0 || hour >= span) {
        continue;
      }
      int column =
          switch (e.kind() == JobEvent.Kind.CLAIMED ? JobState.RUNNING : e.to()) {
            case RUNNING -> 0;
            case DONE -> 1;
            case FAILED -> 2;
            case RETRY_WAIT -> 3;
            case WAITING -> 4;
            case QUEUED -> -1;
          };
      if (column >= 0) {
        counts[hour][column]++;
      }
    }
    var list = new ArrayList<Hour>();
    for (int h = 0; h < span; h++) {
      int[] c = counts[h];
      list.add(new Hour(from.plus(h, ChronoUnit.HOURS), c[0], c[1], c[2], c[3], c[4]));
    }
    return new Activity(from, to, list);
  }
}
