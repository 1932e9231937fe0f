package io.recpipe.simulator.faults;

import io.recpipe.simulator.SimulatorProperties;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** Puts fault injection in front of the contract's API calls, before authentication. */
@Configuration(proxyBeanMethods = false)
class FaultWebConfig implements WebMvcConfigurer {

  private final FaultInterceptor interceptor;
  private final SimulatorProperties.Paths paths;

  FaultWebConfig(FaultInterceptor interceptor, SimulatorProperties properties) {
    this.interceptor = interceptor;
    this.paths = properties.paths();
  }

  @Override
  public void addInterceptors(InterceptorRegistry registry) {
    registry
        .addInterceptor(interceptor)
        .addPathPatterns(paths.polling(), paths.recordingStatus())
        .order(0);
  }
}
