package io.recpipe.common.job;

import javax.sql.DataSource;
import net.javacrumbs.shedlock.core.LockProvider;
import net.javacrumbs.shedlock.provider.jdbctemplate.JdbcTemplateLockProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The ShedLock lock provider on the job database (table {@code shedlock}, times from the database
 * so instances with skewed clocks still take turns). A service's schedule {@code @Import}s it; the
 * lock names and durations stay on the service's {@code @SchedulerLock} annotations.
 */
@Configuration(proxyBeanMethods = false)
public class SchedulerLockConfiguration {

  @Bean
  static LockProvider lockProvider(DataSource dataSource) {
    return new JdbcTemplateLockProvider(
        JdbcTemplateLockProvider.Configuration.builder()
            .withJdbcTemplate(new JdbcTemplate(dataSource))
            .usingDbTime()
            .build());
  }
}
