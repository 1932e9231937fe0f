package io.recpipe.common.admin;

import jakarta.servlet.http.HttpServletRequest;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.ApplicationListener;

/**
 * Tells requests to the management port from requests to the application port. With a management
 * port of its own, only requests that arrived on it are management requests (the application port
 * has no management path, so it needs no credential); without one, every request is.
 */
final class ManagementPort implements ApplicationListener<WebServerInitializedEvent> {

  private final boolean separate;
  private final AtomicInteger port = new AtomicInteger(-1);

  ManagementPort(boolean separate) {
    this.separate = separate;
  }

  @Override
  public void onApplicationEvent(WebServerInitializedEvent event) {
    if ("management".equals(event.getApplicationContext().getServerNamespace())) {
      port.set(event.getWebServer().getPort());
    }
  }

  boolean isManagement(HttpServletRequest request) {
    return !separate || request.getLocalPort() == port.get();
  }
}
