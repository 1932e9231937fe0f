package io.recpipe.common.empowerid;

import io.micrometer.core.instrument.MeterRegistry;
import io.recpipe.common.session.SessionId;
import java.net.http.HttpClient;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import javax.net.ssl.SSLParameters;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslOptions;
import org.springframework.http.HttpMethod;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@link EmpowerIdClient} over HTTP ({@code shared/docs/empowerid-api.md}): Spring {@link
 * RestClient} on the JDK HTTP client, a cached OAuth token, retries with backoff and a circuit
 * breaker ({@link EmpowerIdCalls}). Thread-safe.
 */
public class HttpEmpowerIdClient implements EmpowerIdClient {

  private final EmpowerIdProperties props;
  private final JsonMapper json;
  private final EmpowerIdCalls calls;
  private final PollingAnswer pollingAnswer;
  private final String processInstance;

  /**
   * @param restClientBuilder a builder to start from (Spring Boot's carries observation); its
   *     request factory and base URL are replaced
   */
  public HttpEmpowerIdClient(
      EmpowerIdProperties props,
      RestClient.Builder restClientBuilder,
      Clock clock,
      Sleeper sleeper,
      MeterRegistry meterRegistry) {
    this(props, null, restClientBuilder, clock, sleeper, meterRegistry);
  }

  /**
   * @param processInstance the service's stable instance name, reported as the owner of the
   *     sessions it works on; null to use {@code empowerid.process-instance} or a derived name
   */
  public HttpEmpowerIdClient(
      EmpowerIdProperties props,
      String processInstance,
      RestClient.Builder restClientBuilder,
      Clock clock,
      Sleeper sleeper,
      MeterRegistry meterRegistry) {
    this(props, processInstance, null, restClientBuilder, clock, sleeper, meterRegistry);
  }

  /**
   * @param ssl the SSL bundle {@code empowerid.ssl-bundle} names (trusted CAs, client certificate),
   *     or null for the JVM's defaults
   */
  public HttpEmpowerIdClient(
      EmpowerIdProperties props,
      String processInstance,
      SslBundle ssl,
      RestClient.Builder restClientBuilder,
      Clock clock,
      Sleeper sleeper,
      MeterRegistry meterRegistry) {
    if (ssl == null && props.sslBundle() != null && !props.sslBundle().isBlank()) {
      throw new IllegalArgumentException(
          "empowerid.ssl-bundle names a bundle that was not given: " + props.sslBundle());
    }
    this.props = props;
    this.processInstance =
        processInstance != null
            ? processInstance
            : props.processInstance() != null && !props.processInstance().isBlank()
                ? props.processInstance()
                : ProcessInstanceName.derive(props.processInstancePrefix());
    this.json =
        JsonMapper.builder().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();
    var circuit =
        new CircuitBreaker(
            props.circuit().failureThreshold(), props.circuit().openDuration(), clock);
    var metrics = new EmpowerIdMetrics(meterRegistry, circuit);
    var http =
        new EmpowerIdHttp(restClient(props, ssl, restClientBuilder), props.apiKey(), metrics);
    var tokens = new TokenProvider(http, props, props.tokenRenewSkew(), clock, json);
    var backoff =
        new Backoff(
            props.retry().initialBackoff(),
            props.retry().maxBackoff(),
            new Random()); // java.util.Random is thread-safe; parallel callers share it
    var retrier = new Retrier(props.retry().maxAttempts(), backoff, sleeper);
    this.calls = new EmpowerIdCalls(http, tokens, circuit, retrier, metrics);
    this.pollingAnswer = new PollingAnswer(json, props.statusWords(), props.sessionWords());
  }

  private static RestClient restClient(
      EmpowerIdProperties props, SslBundle ssl, RestClient.Builder builder) {
    var httpClient =
        HttpClient.newBuilder()
            .connectTimeout(props.connectTimeout())
            .followRedirects(HttpClient.Redirect.NEVER);
    if (ssl != null) {
      httpClient.sslContext(ssl.createSslContext());
      SslOptions options = ssl.getOptions();
      if (options.isSpecified()) {
        var parameters = new SSLParameters();
        if (options.getCiphers() != null) {
          parameters.setCipherSuites(options.getCiphers());
        }
        if (options.getEnabledProtocols() != null) {
          parameters.setProtocols(options.getEnabledProtocols());
        }
        httpClient.sslParameters(parameters);
      }
    }
    var factory = new JdkClientHttpRequestFactory(httpClient.build());
    factory.setReadTimeout(props.readTimeout());
    String base = props.baseUrl().toString();
    return builder
        .requestFactory(factory)
        .baseUrl(base.endsWith("/") ? base.substring(0, base.length() - 1) : base)
        .build();
  }

  @Override
  public Map<SessionId, SessionInfo> poll(Collection<SessionId> sessionIds) {
    var result = new LinkedHashMap<SessionId, SessionInfo>();
    for (List<SessionId> batch : batches(sessionIds, props.polling().batchSize())) {
      result.putAll(pollBatch(batch));
    }
    return result;
  }

  private Map<SessionId, SessionInfo> pollBatch(List<SessionId> batch) {
    byte[] body =
        json.writeValueAsBytes(Map.of("sessionIds", batch.stream().map(SessionId::value).toList()));
    WireResponse response =
        calls.call("poll", HttpMethod.POST, props.pollingPath(), Map.of(), body);
    if (response.status() != 200) {
      throw calls.failed(
          "poll",
          new EmpowerIdException(
              "EmpowerID refused the polling call. status: "
                  + response.status()
                  + ", sessions: "
                  + batch.size(),
              response.status(),
              response.status() == 401 || response.status() == 403));
    }
    try {
      return pollingAnswer.read(response.body(), batch);
    } catch (EmpowerIdException e) {
      calls.countMalformed("poll");
      throw calls.failed("poll", e);
    }
  }

  @Override
  public StatusUpdate updateRecordingStatus(
      SessionId sessionId, RecordingStep step, String detail) {
    var fields = new LinkedHashMap<String, Object>();
    fields.put("recordingStatus", props.statusWords().wordFor(step));
    fields.put("processInstance", processInstance);
    fields.put("detail", detail);
    byte[] body = json.writeValueAsBytes(fields);
    WireResponse response =
        calls.call(
            "update-status",
            HttpMethod.PUT,
            props.statusPath(),
            Map.of("sessionId", sessionId.value()),
            body);
    if (response.isSuccess()) {
      return StatusUpdate.APPLIED;
    }
    return switch (response.status()) {
      case 404 -> StatusUpdate.UNKNOWN_SESSION;
      case 409 -> StatusUpdate.OWNED_ELSEWHERE;
      default ->
          throw calls.failed(
              "update-status",
              new EmpowerIdException(
                  "EmpowerID refused the recording-status update. session: "
                      + sessionId
                      + ", step: "
                      + step
                      + ", status: "
                      + response.status(),
                  response.status(),
                  response.status() == 401 || response.status() == 403));
    };
  }

  @Override
  public boolean isAvailable() {
    return calls.circuit().state() != CircuitBreaker.State.OPEN;
  }

  /** What the health indicator shows; never holds a secret. */
  EmpowerIdCalls.Snapshot snapshot() {
    return calls.snapshot();
  }

  /** The name this process reports as a session's owner. */
  public String processInstance() {
    return processInstance;
  }

  static <T> List<List<T>> batches(Collection<T> items, int size) {
    var distinct = new ArrayList<>(new LinkedHashSet<>(items));
    var batches = new ArrayList<List<T>>();
    for (int from = 0; from < distinct.size(); from += size) {
      batches.add(List.copyOf(distinct.subList(from, Math.min(from + size, distinct.size()))));
    }
    return batches;
  }
}
