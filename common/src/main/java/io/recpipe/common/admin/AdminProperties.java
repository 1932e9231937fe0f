package io.recpipe.common.admin;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The admin surface ({@code recpipe.admin.*}).
 *
 * @param otherConsoleUrl the other service's console (the encoder's links to the uploader's and
 *     back); empty for none
 */
@ConfigurationProperties("recpipe.admin")
public record AdminProperties(String otherConsoleUrl) {

  public AdminProperties {
    otherConsoleUrl = otherConsoleUrl == null ? "" : otherConsoleUrl.strip();
  }
}
