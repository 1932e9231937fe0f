package io.recpipe.common.job;

import io.recpipe.common.session.SessionId;
import java.io.PrintStream;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * Gives failed jobs another full set of attempts: the service's own preparation ({@link
 * JobWork#beforeRequeue}, e.g. the recording back from quarantine), then {@code FAILED -> QUEUED}
 * with attempts reset. The one way to requeue, used by the {@code requeue SESSION_ID...} command.
 */
public final class Requeue {

  private final JdbcJobStore jobs;
  private final JobWork work;
  private final Clock clock;

  public Requeue(JdbcJobStore jobs, JobWork work, Clock clock) {
    this.jobs = jobs;
    this.work = work;
    this.clock = clock;
  }

  /** Requeues one failed job; a sentence saying why not when it cannot. */
  public Optional<String> requeue(SessionId id) {
    Optional<Job> job = jobs.find(id);
    if (job.isEmpty()) {
      return Optional.of("no job for this session");
    }
    if (job.get().state() != JobState.FAILED) {
      return Optional.of("not failed but " + job.get().state());
    }
    work.beforeRequeue(job.get());
    if (jobs.requeue(id, clock.instant()).isEmpty()) {
      return Optional.of("changed meanwhile; try again");
    }
    return Optional.empty();
  }

  /**
   * The command line: requeues each named session and prints one line per session.
   *
   * @return 0 when every session was requeued, 1 when any was not, 2 for a bad argument
   */
  public int run(List<String> sessionIds, PrintStream out) {
    if (sessionIds.isEmpty()) {
      out.println("usage: requeue SESSION_ID...");
      return 2;
    }
    int refused = 0;
    for (String raw : sessionIds) {
      Optional<SessionId> id = SessionId.parse(raw);
      if (id.isEmpty()) {
        out.println(SessionId.describe(raw) + ": not a session id");
        refused++;
        continue;
      }
      Optional<String> problem;
      try {
        problem = requeue(id.get());
      } catch (RuntimeException e) {
        problem = Optional.of(e.getMessage());
      }
      out.println(id.get() + ": " + problem.map(p -> "not requeued, " + p).orElse("requeued"));
      if (problem.isPresent()) {
        refused++;
      }
    }
    return refused == 0 ? 0 : 1;
  }

  /**
   * {@code requeue SESSION_ID... [--setting=value...]} for a service's {@code main}: starts the
   * service's context against its database (settings as for the service) without a web server or
   * timers, under an instance name of its own so it never takes over the service's work, and runs
   * the {@link Requeue} bean.
   *
   * @param service the service's name, e.g. {@code encoder} (its settings prefix)
   * @return the exit code
   */
  public static int command(Class<?> application, String service, String[] args) {
    List<String> ids = java.util.Arrays.stream(args).filter(a -> !a.startsWith("--")).toList();
    var settings = new java.util.ArrayList<String>();
    java.util.Arrays.stream(args).filter(a -> a.startsWith("--")).forEach(settings::add);
    settings.add("--" + service + ".scheduling.enabled=false");
    settings.add("--" + service + ".instance-id=" + service + "-requeue-command");
    var app = new org.springframework.boot.SpringApplication(application);
    app.setWebApplicationType(org.springframework.boot.WebApplicationType.NONE);
    app.setLogStartupInfo(false);
    try (var context = app.run(settings.toArray(String[]::new))) {
      return context.getBean(Requeue.class).run(ids, System.out);
    }
  }
}
