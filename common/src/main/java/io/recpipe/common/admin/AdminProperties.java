package io.recpipe.common.admin;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * The management surface ({@code recpipe.admin.*}): actuator, admin API and console on the
 * management port, behind one credential.
 *
 * @param tokenFile the file holding the credential: a bearer token, also the HTTP Basic password of
 *     {@code username}. Created with a random token (readable by the owner only) when missing.
 * @param username the HTTP Basic user name
 * @param otherConsoleUrl the other service's console (the encoder's links to the uploader's and
 *     back); empty for none
 */
@Validated
@ConfigurationProperties("recpipe.admin")
public record AdminProperties(
    @NotNull Path tokenFile, @NotBlank String username, String otherConsoleUrl) {

  public AdminProperties {
    username = username == null ? "admin" : username;
    otherConsoleUrl = otherConsoleUrl == null ? "" : otherConsoleUrl.strip();
  }
}
