package io.recpipe.simulator.faults;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.HandlerMapping;

/**
 * Applies the first matching fault to a call before anything else looks at it; one instance for the
 * contract's API calls, one for the token endpoint.
 */
class FaultInterceptor implements HandlerInterceptor {

  private static final Logger log = LoggerFactory.getLogger(FaultInterceptor.class);

  private final FaultInjector injector;
  private final FaultTarget call;

  /**
   * @param call the kind of call intercepted: {@link FaultTarget#CONTRACT} or {@link
   *     FaultTarget#TOKEN}
   */
  FaultInterceptor(FaultInjector injector, FaultTarget call) {
    this.injector = injector;
    this.call = call;
  }

  @Override
  public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler)
      throws IOException {
    Optional<FaultSpec> fault = injector.take(call, sessionIdOf(request));
    if (fault.isEmpty()) {
      return true;
    }
    FaultSpec spec = fault.get();
    log.info(
        "Fault injected. call: {} {}, fault: {}",
        request.getMethod(),
        request.getRequestURI(),
        spec);
    if (spec.delayMs() != null && spec.delayMs() > 0) {
      pause(spec.delayMs());
    }
    if (spec.status() != null) {
      return answer(response, spec.status(), "injected fault");
    }
    if (spec.isConflict()) {
      return answer(
          response,
          HttpServletResponse.SC_CONFLICT,
          "session owned by another process instance (injected)");
    }
    return true;
  }

  @SuppressWarnings("unchecked")
  private static String sessionIdOf(HttpServletRequest request) {
    Object variables = request.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE);
    if (variables instanceof Map<?, ?> map) {
      return ((Map<String, String>) map).get("sessionId");
    }
    return null;
  }

  /** The delay is the fault itself: the call's thread waits as a slow server's would. */
  private static void pause(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static boolean answer(HttpServletResponse response, int status, String message)
      throws IOException {
    response.setStatus(status);
    response.setContentType(MediaType.APPLICATION_JSON_VALUE);
    response
        .getOutputStream()
        .write(("{\"error\":\"" + message + "\"}").getBytes(StandardCharsets.UTF_8));
    return false;
  }
}
