package io.recpipe.common.job;

import java.util.Map;
import java.util.concurrent.Callable;
import org.slf4j.MDC;

/**
 * The logging context (MDC) of a job's work: every line logged while a job is worked on carries
 * {@value #SESSION}, {@value #JOB} (its job table), {@value #ATTEMPT} and {@value #INSTANCE}, which
 * structured logs ({@code logging.structured.format.console}) show as fields. The run loop opens it
 * on the thread that works on the job; a thread the work starts takes it along with {@link
 * #carrying}.
 */
public final class JobLogContext implements AutoCloseable {

  public static final String SESSION = "session";
  public static final String JOB = "job";
  public static final String ATTEMPT = "attempt";
  public static final String INSTANCE = "instance";

  private final Map<String, String> before;

  private JobLogContext(Map<String, String> before) {
    this.before = before;
  }

  /** Puts the job into this thread's MDC until closed (then the previous MDC is back). */
  public static JobLogContext open(Job job, String table, String instance) {
    JobLogContext context = new JobLogContext(MDC.getCopyOfContextMap());
    MDC.put(SESSION, job.sessionId().value());
    MDC.put(JOB, table);
    MDC.put(ATTEMPT, Integer.toString(job.attempts()));
    MDC.put(INSTANCE, instance);
    return context;
  }

  /** {@code task} with the caller's MDC, for a thread the work starts. */
  public static Runnable carrying(Runnable task) {
    Map<String, String> context = MDC.getCopyOfContextMap();
    return () -> {
      Map<String, String> before = MDC.getCopyOfContextMap();
      restore(context);
      try {
        task.run();
      } finally {
        restore(before);
      }
    };
  }

  /** {@code task} with the caller's MDC, for an executor the work submits to. */
  public static <T> Callable<T> carrying(Callable<T> task) {
    Map<String, String> context = MDC.getCopyOfContextMap();
    return () -> {
      Map<String, String> before = MDC.getCopyOfContextMap();
      restore(context);
      try {
        return task.call();
      } finally {
        restore(before);
      }
    };
  }

  @Override
  public void close() {
    restore(before);
  }

  private static void restore(Map<String, String> context) {
    if (context == null) {
      MDC.clear();
    } else {
      MDC.setContextMap(context);
    }
  }
}
