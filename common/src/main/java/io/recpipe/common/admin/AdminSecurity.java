package io.recpipe.common.admin;

import jakarta.servlet.DispatcherType;
import java.util.List;
import org.springframework.boot.actuate.autoconfigure.web.server.ManagementPortType;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;

/**
 * The management surface's access rules, imported by each service: on the management port, liveness
 * and readiness answer anyone (status only); everything else (health details, metrics, the admin
 * API, the console) needs the {@link AdminCredential}, as a bearer token or as the HTTP Basic
 * password. Health shows details only to an authenticated caller ({@code
 * management.endpoint.health.show-details: when-authorized}). The application port serves no
 * management path, so nothing there needs a credential.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@EnableConfigurationProperties(AdminProperties.class)
public class AdminSecurity {

  static final String REALM = "recpipe";

  @Bean
  AdminCredential adminCredential(AdminProperties properties) {
    return AdminCredential.fromFile(properties.tokenFile(), properties.username());
  }

  @Bean
  static ManagementPort managementPort(Environment environment) {
    return new ManagementPort(ManagementPortType.get(environment) == ManagementPortType.DIFFERENT);
  }

  /** HTTP Basic: the configured user with the token as password. */
  @Bean
  AuthenticationProvider adminAuthenticationProvider(AdminCredential credential) {
    return new AuthenticationProvider() {
      @Override
      public Authentication authenticate(Authentication authentication) {
        Object password = authentication.getCredentials();
        if (!credential.username().equals(authentication.getName())
            || !(password instanceof String text)
            || !credential.matches(text)) {
          throw new BadCredentialsException("Bad credentials");
        }
        return UsernamePasswordAuthenticationToken.authenticated(
            credential.username(), null, List.of(new SimpleGrantedAuthority("ROLE_ADMIN")));
      }

      @Override
      public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
      }
    };
  }

  @Bean
  SecurityFilterChain managementSecurity(
      HttpSecurity http,
      AdminCredential credential,
      ManagementPort port,
      AuthenticationProvider adminAuthenticationProvider)
      throws Exception {
    return http.authorizeHttpRequests(
            requests ->
                requests
                    .requestMatchers(request -> !port.isManagement(request))
                    .permitAll()
                    .dispatcherTypeMatchers(DispatcherType.ERROR)
                    .permitAll()
                    .requestMatchers("/actuator/health/liveness", "/actuator/health/readiness")
                    .permitAll()
                    .anyRequest()
                    .authenticated())
        .authenticationProvider(adminAuthenticationProvider)
        .httpBasic(basic -> basic.realmName(REALM))
        .addFilterBefore(new AdminRequestFilter(credential, port), BasicAuthenticationFilter.class)
        // Changes made through a browser are guarded by AdminRequestFilter's header rule.
        .csrf(csrf -> csrf.disable())
        .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
        .build();
  }
}
