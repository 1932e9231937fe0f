package io.recpipe.common.empowerid;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/** Builds {@link EmpowerIdProperties} the way Spring binds them, from {@code empowerid.*} keys. */
final class TestSettings {

  static final String API_KEY = "test-api-key-K3Y";
  static final String CLIENT_ID = "recpipe-client";
  static final String CLIENT_SECRET = "test-secret-S3CR3T";

  private final Map<String, String> values = new LinkedHashMap<>();

  private TestSettings(String baseUrl) {
    values.put("empowerid.base-url", baseUrl);
    // The fakes speak plain http on 127.0.0.1 (EmpowerIdTlsTest covers https).
    values.put("empowerid.allow-insecure-http", "true");
    values.put("empowerid.api-key", API_KEY);
    values.put("empowerid.client-id", CLIENT_ID);
    values.put("empowerid.client-secret", CLIENT_SECRET);
    values.put("empowerid.process-instance", "encoder-test");
    values.put("empowerid.retry.initial-backoff", "100ms");
    values.put("empowerid.retry.max-backoff", "1s");
  }

  static TestSettings forBaseUrl(String baseUrl) {
    return new TestSettings(baseUrl);
  }

  TestSettings with(String key, String value) {
    values.put("empowerid." + key, value);
    return this;
  }

  EmpowerIdProperties bind() {
    return new Binder(new MapConfigurationPropertySource(values))
        .bind("empowerid", EmpowerIdProperties.class)
        .get();
  }
}
