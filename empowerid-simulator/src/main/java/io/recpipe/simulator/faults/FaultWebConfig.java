package io.recpipe.simulator.faults;

import io.recpipe.simulator.SimulatorProperties;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Puts fault injection in front of the contract's API calls, before authentication, and in front of
 * the token endpoint.
 */
@Configuration(proxyBeanMethods = false)
class FaultWebConfig implements WebMvcConfigurer {

  private final FaultInjector injector;
  private final SimulatorProperties.Paths paths;

  FaultWebConfig(FaultInjector injector, SimulatorProperties properties) {
    this.injector = injector;
    this.paths = properties.paths();
  }

  @Override
  public void addInterceptors(InterceptorRegistry registry) {
    registry
        .addInterceptor(new FaultInterceptor(injector, FaultTarget.CONTRACT))
        .addPathPatterns(paths.polling(), paths.recordingStatus())
        .order(0);
    registry
        .addInterceptor(new FaultInterceptor(injector, FaultTarget.TOKEN))
        .addPathPatterns(paths.token())
        .order(0);
  }
}
