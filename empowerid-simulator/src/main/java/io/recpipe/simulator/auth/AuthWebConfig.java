package io.recpipe.simulator.auth;

import io.recpipe.simulator.SimulatorProperties;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Guards the contract's API calls; runs after fault injection (a server that is down checks
 * nothing).
 */
@Configuration(proxyBeanMethods = false)
class AuthWebConfig implements WebMvcConfigurer {

  static final int ORDER = 10;

  private final ApiGuard guard;
  private final SimulatorProperties.Paths paths;

  AuthWebConfig(ApiGuard guard, SimulatorProperties properties) {
    this.guard = guard;
    this.paths = properties.paths();
  }

  @Override
  public void addInterceptors(InterceptorRegistry registry) {
    registry
        .addInterceptor(guard)
        .addPathPatterns(paths.polling(), paths.recordingStatus())
        .order(ORDER);
  }
}
