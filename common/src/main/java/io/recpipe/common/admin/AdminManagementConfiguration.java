package io.recpipe.common.admin;

import org.springframework.boot.actuate.autoconfigure.web.ManagementContextConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.web.servlet.config.annotation.ResourceHandlerRegistry;
import org.springframework.web.servlet.config.annotation.ViewControllerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The admin API and the console in the management context: on the management port when it is a port
 * of its own (then the application port has no admin path), beside the application otherwise. A
 * service turns it on by defining its {@link JobAdmin} bean.
 */
@ManagementContextConfiguration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnBean(JobAdmin.class)
class AdminManagementConfiguration {

  @Bean
  AdminController recpipeAdminController(JobAdmin admin) {
    return new AdminController(admin);
  }

  /** The console: static files (HTML, JS, CSS) from the classpath, under {@code /console/}. */
  @Bean
  WebMvcConfigurer recpipeConsole() {
    return new WebMvcConfigurer() {
      @Override
      public void addResourceHandlers(ResourceHandlerRegistry registry) {
        registry
            .addResourceHandler("/console/**")
            .addResourceLocations("classpath:/io/recpipe/common/admin/console/");
      }

      @Override
      public void addViewControllers(ViewControllerRegistry registry) {
        registry.addRedirectViewController("/console", "/console/");
        registry.addViewController("/console/").setViewName("forward:/console/index.html");
      }
    };
  }
}
