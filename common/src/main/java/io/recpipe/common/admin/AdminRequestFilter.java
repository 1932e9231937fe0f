package io.recpipe.common.admin;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Set;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Bearer tokens on the management port, and a guard for browsers: a change (POST, DELETE, …)
 * authenticated by HTTP Basic, which a browser adds on its own, must carry {@code X-Requested-With}
 * (the console's requests do; a form or link on another site cannot set it), so another page cannot
 * requeue or forget through a logged-in browser.
 */
final class AdminRequestFilter extends OncePerRequestFilter {

  static final String CONSOLE_HEADER = "X-Requested-With";
  private static final Set<String> SAFE = Set.of("GET", "HEAD", "OPTIONS", "TRACE");

  private final AdminCredential credential;
  private final ManagementPort port;

  AdminRequestFilter(AdminCredential credential, ManagementPort port) {
    this.credential = credential;
    this.port = port;
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    if (!port.isManagement(request)) {
      chain.doFilter(request, response);
      return;
    }
    String authorization = request.getHeader("Authorization");
    if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
      if (!credential.matches(authorization.substring(7).strip())) {
        response.setHeader("WWW-Authenticate", "Bearer realm=\"recpipe\"");
        response.sendError(HttpServletResponse.SC_UNAUTHORIZED);
        return;
      }
      var admin =
          UsernamePasswordAuthenticationToken.authenticated(
              credential.username(), null, List.of(new SimpleGrantedAuthority("ROLE_ADMIN")));
      SecurityContextHolder.getContext().setAuthentication(admin);
    } else if (authorization != null
        && !SAFE.contains(request.getMethod())
        && request.getHeader(CONSOLE_HEADER) == null) {
      response.sendError(
          HttpServletResponse.SC_FORBIDDEN,
          "A change by HTTP Basic needs the " + CONSOLE_HEADER + " header (or use a bearer token)");
      return;
    }
    chain.doFilter(request, response);
  }
}
