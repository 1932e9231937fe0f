package io.recpipe.common.admin;

import org.springframework.boot.actuate.autoconfigure.web.ManagementContextConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;

/**
 * The admin API in the management context: on the management port when it is a port of its own
 * (then the application port has no admin path), beside the application otherwise. A service turns
 * it on by defining its {@link JobAdmin} bean.
 */
@ManagementContextConfiguration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnBean(JobAdmin.class)
class AdminManagementConfiguration {

  @Bean
  AdminController recpipeAdminController(JobAdmin admin) {
    return new AdminController(admin);
  }
}
