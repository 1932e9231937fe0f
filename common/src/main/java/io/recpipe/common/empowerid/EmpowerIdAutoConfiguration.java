package io.recpipe.common.empowerid;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.recpipe.common.job.InstanceName;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.client.RestClient;

/**
 * Creates the EmpowerID client, its health indicator and meters when {@code empowerid.base-url} is
 * set, and a UTC {@link Clock} when the application has none.
 */
@AutoConfiguration
public class EmpowerIdAutoConfiguration {

  private static final Logger log = LoggerFactory.getLogger(EmpowerIdAutoConfiguration.class);

  @Bean
  @ConditionalOnMissingBean
  Clock clock() {
    return Clock.systemUTC();
  }

  /** Only when EmpowerID is configured, so modules that do not talk to it start without it. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnProperty(prefix = "empowerid", name = "base-url")
  @EnableConfigurationProperties(EmpowerIdProperties.class)
  static class ClientConfiguration {

    @Bean
    @ConditionalOnMissingBean(EmpowerIdClient.class)
    HttpEmpowerIdClient empowerIdClient(
        EmpowerIdProperties properties,
        ObjectProvider<RestClient.Builder> restClientBuilder,
        Clock clock,
        ObjectProvider<MeterRegistry> meterRegistry,
        ObjectProvider<InstanceName> instanceName,
        ObjectProvider<SslBundles> sslBundles) {
      InstanceName instance = instanceName.getIfAvailable();
      if (instance != null
          && properties.processInstance() != null
          && !properties.processInstance().equals(instance.value())) {
        log.warn(
            "empowerid.process-instance is ignored: the service's instance name is its process"
                + " instance. instance: {}, ignored: {}",
            instance.value(),
            properties.processInstance());
      }
      return new HttpEmpowerIdClient(
          properties,
          instance == null ? null : instance.value(),
          sslBundle(properties, sslBundles),
          restClientBuilder.getIfAvailable(RestClient::builder),
          clock,
          Sleeper.SYSTEM,
          meterRegistry.getIfAvailable(CompositeMeterRegistry::new));
    }

    /** The bundle {@code empowerid.ssl-bundle} names; start-up fails when there is none. */
    private static SslBundle sslBundle(
        EmpowerIdProperties properties, ObjectProvider<SslBundles> sslBundles) {
      String name = properties.sslBundle();
      if (name == null || name.isBlank()) {
        return null;
      }
      SslBundles bundles = sslBundles.getIfAvailable();
      if (bundles == null) {
        throw new IllegalStateException(
            "empowerid.ssl-bundle is set but no SSL bundles are configured (spring.ssl.bundle.*)."
                + " bundle: "
                + name);
      }
      return bundles.getBundle(name);
    }

    // Declared after the client so the condition sees the client's bean definition.
    @Bean
    @ConditionalOnBean(HttpEmpowerIdClient.class)
    @ConditionalOnMissingBean(name = "empowerIdHealthIndicator")
    EmpowerIdHealthIndicator empowerIdHealthIndicator(HttpEmpowerIdClient client) {
      return new EmpowerIdHealthIndicator(client);
    }
  }
}
