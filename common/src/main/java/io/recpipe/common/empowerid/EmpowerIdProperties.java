package io.recpipe.common.empowerid;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.NestedConfigurationProperty;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How to reach EmpowerID ({@code shared/docs/empowerid-api.md}). Secrets are masked in {@link
 * #toString()}.
 *
 * @param baseUrl the EmpowerID base URL, e.g. https://tenant.empowerid.com
 * @param sslBundle the name of a Spring SSL bundle ({@code spring.ssl.bundle.*}) for HTTPS to
 *     EmpowerID: its trust store holds a custom CA, its key store an optional client certificate;
 *     unset, the JVM's default trust store and no client certificate
 * @param allowInsecureHttp whether a plain {@code http://} base URL is accepted (demos and tests
 *     against a local stand-in only); otherwise start-up fails on one
 * @param apiKey the value sent in the X-EmpowerID-API-Key header on every call (secret)
 * @param clientId the OAuth client id for the client-credentials grant
 * @param clientSecret the OAuth client secret for the client-credentials grant (secret)
 * @param tokenPath the path of the OAuth token endpoint
 * @param pollingPath the path of the batch session-status (polling) endpoint
 * @param statusPath the path of the recording-status update, with a {sessionId} placeholder
 * @param processInstance the name this process reports as the owner of a session when the service
 *     has no stable instance name of its own (a service's {@code InstanceName} wins); derived from
 *     the prefix, the host name and a short random suffix when neither is set
 * @param processInstancePrefix the prefix of a derived process instance name, e.g. "encoder"
 * @param connectTimeout the time allowed to open a connection
 * @param readTimeout the time allowed for a whole answer
 * @param tokenRenewSkew how long before its expiry a cached token is renewed
 * @param ownerTimeout the tenant's owner time-out: after it, EmpowerID's watchdog lets another
 *     instance take over a session whose owner went quiet (a job that met another owner waits this
 *     long before trying again)
 * @param heartbeatInterval how often long work repeats its working step to EmpowerID, with progress
 *     as detail; at least twice per owner time-out
 * @param polling the polling settings
 * @param retry how transient failures (5xx, time-outs, connection errors) are retried
 * @param circuit when the circuit opens and how long it stays open
 * @param statusWords the recording-status words on the wire, one per recording step
 * @param sessionWords the session-status words on the wire
 */
@Validated
@ConfigurationProperties("empowerid")
public record EmpowerIdProperties(
    @NotNull URI baseUrl,
    String sslBundle,
    @DefaultValue("false") boolean allowInsecureHttp,
    @NotBlank String apiKey,
    @NotBlank String clientId,
    @NotBlank String clientSecret,
    @DefaultValue("/oauth/v2/token") @NotBlank @Pattern(regexp = "/.*") String tokenPath,
    @DefaultValue("/api/services/v1/secureaccessgateway/polling") @NotBlank @Pattern(regexp = "/.*")
        String pollingPath,
    @DefaultValue("/api/services/v1/secureaccessgateway/sessions/{sessionId}/recording-status")
        @NotBlank
        @Pattern(regexp = "/.*\\{sessionId}.*")
        String statusPath,
    @Pattern(regexp = "[A-Za-z0-9._-]{1,100}") String processInstance,
    @Pattern(regexp = "[A-Za-z0-9._-]{0,40}") String processInstancePrefix,
    @DefaultValue("5s") @NotNull Duration connectTimeout,
    @DefaultValue("30s") @NotNull Duration readTimeout,
    @DefaultValue("60s") @NotNull Duration tokenRenewSkew,
    @DefaultValue("15m") @NotNull Duration ownerTimeout,
    @DefaultValue("1m") @NotNull Duration heartbeatInterval,
    @DefaultValue @Valid @NotNull Polling polling,
    @DefaultValue @Valid @NotNull Retry retry,
    @DefaultValue @Valid @NotNull Circuit circuit,
    @DefaultValue @Valid @NotNull @NestedConfigurationProperty StatusWords statusWords,
    @DefaultValue @Valid @NotNull @NestedConfigurationProperty SessionWords sessionWords) {

  public EmpowerIdProperties {
    if (baseUrl != null
        && !(baseUrl.isAbsolute()
            && baseUrl.getHost() != null
            && ("https".equalsIgnoreCase(baseUrl.getScheme())
                || "http".equalsIgnoreCase(baseUrl.getScheme())))) {
      throw new IllegalArgumentException(
          "empowerid.base-url must be an absolute http or https URL. value: " + baseUrl);
    }
    if (baseUrl != null && "http".equalsIgnoreCase(baseUrl.getScheme()) && !allowInsecureHttp) {
      throw new IllegalArgumentException(
          "empowerid.base-url is plain http, which would send the API key, the client secret and"
              + " tokens unencrypted: use https, or set empowerid.allow-insecure-http=true (a"
              + " local stand-in only). value: "
              + baseUrl);
    }
  }

  /**
   * Polling settings.
   *
   * @param batchSize the most session ids sent in one polling call
   */
  public record Polling(@DefaultValue("100") @Min(1) int batchSize) {}

  /**
   * Retry of transient failures inside the client: capped exponential backoff with full jitter.
   *
   * @param maxAttempts the attempts of one call, the first included
   * @param initialBackoff the cap of the first wait; each further wait's cap doubles
   * @param maxBackoff the largest cap of a wait
   */
  public record Retry(
      @DefaultValue("3") @Min(1) int maxAttempts,
      @DefaultValue("200ms") @NotNull Duration initialBackoff,
      @DefaultValue("5s") @NotNull Duration maxBackoff) {}

  /**
   * The circuit breaker that stops calls after a run of transient failures.
   *
   * @param failureThreshold consecutive transient failures that open the circuit
   * @param openDuration how long the circuit stays open before one trial call is let through
   */
  public record Circuit(
      @DefaultValue("5") @Min(1) int failureThreshold,
      @DefaultValue("30s") @NotNull Duration openDuration) {}

  /** Masks the API key and the client secret. */
  @Override
  public String toString() {
    return "EmpowerIdProperties[baseUrl="
        + baseUrl
        + ", sslBundle="
        + sslBundle
        + ", allowInsecureHttp="
        + allowInsecureHttp
        + ", apiKey="
        + mask(apiKey)
        + ", clientId="
        + clientId
        + ", clientSecret="
        + mask(clientSecret)
        + ", tokenPath="
        + tokenPath
        + ", pollingPath="
        + pollingPath
        + ", statusPath="
        + statusPath
        + ", processInstance="
        + processInstance
        + ", connectTimeout="
        + connectTimeout
        + ", readTimeout="
        + readTimeout
        + ", tokenRenewSkew="
        + tokenRenewSkew
        + ", ownerTimeout="
        + ownerTimeout
        + ", heartbeatInterval="
        + heartbeatInterval
        + ", polling="
        + polling
        + ", retry="
        + retry
        + ", circuit="
        + circuit
        + ", statusWords="
        + statusWords
        + ", sessionWords="
        + sessionWords
        + "]";
  }

  private static String mask(String secret) {
    return secret == null || secret.isEmpty() ? "(not set)" : "******";
  }
}
