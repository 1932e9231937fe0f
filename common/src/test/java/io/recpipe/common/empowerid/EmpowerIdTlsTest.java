package io.recpipe.common.empowerid;

import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.recpipe.common.session.SessionId;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * EmpowerID over HTTPS with a certificate no public CA signed (made here with {@code keytool}),
 * played by WireMock: trusted through a Spring SSL bundle ({@code empowerid.ssl-bundle}), with a
 * client certificate from the bundle where the server asks for one; plain http refused unless
 * allowed.
 */
class EmpowerIdTlsTest {

  private static final String PASSWORD = "changeit";

  @TempDir static Path certs;
  private final List<WireMockServer> servers = new ArrayList<>();

  private final ApplicationContextRunner runner =
      new ApplicationContextRunner()
          .withConfiguration(
              AutoConfigurations.of(SslAutoConfiguration.class, EmpowerIdAutoConfiguration.class))
          .withPropertyValues(
              "empowerid.api-key=" + TestSettings.API_KEY,
              "empowerid.client-id=" + TestSettings.CLIENT_ID,
              "empowerid.client-secret=" + TestSettings.CLIENT_SECRET,
              "empowerid.retry.max-attempts=1",
              // The server's own certificate as the trusted CA (PEM).
              "spring.ssl.bundle.pem.empowerid-ca.truststore.certificate=file:"
                  + certs.resolve("server.crt"),
              // A client certificate, and the server's certificate to trust (PKCS#12).
              "spring.ssl.bundle.jks.empowerid-mtls.keystore.location=file:"
                  + certs.resolve("client.p12"),
              "spring.ssl.bundle.jks.empowerid-mtls.keystore.password=" + PASSWORD,
              "spring.ssl.bundle.jks.empowerid-mtls.keystore.type=PKCS12",
              "spring.ssl.bundle.jks.empowerid-mtls.truststore.location=file:"
                  + certs.resolve("client-trust.p12"),
              "spring.ssl.bundle.jks.empowerid-mtls.truststore.password=" + PASSWORD,
              "spring.ssl.bundle.jks.empowerid-mtls.truststore.type=PKCS12");

  /** A server key pair for 127.0.0.1/localhost, a client key pair, and trust stores for both. */
  @BeforeAll
  static void makeCertificates() throws Exception {
    keytool(
        "-genkeypair",
        "-alias",
        "server",
        "-keyalg",
        "RSA",
        "-keysize",
        "2048",
        "-validity",
        "2",
        "-dname",
        "CN=localhost",
        "-ext",
        "SAN=ip:127.0.0.1,dns:localhost",
        "-keystore",
        "server.p12",
        "-storetype",
        "PKCS12",
        "-storepass",
        PASSWORD);
    keytool(
        "-exportcert",
        "-rfc",
        "-alias",
        "server",
        "-keystore",
        "server.p12",
        "-storepass",
        PASSWORD,
        "-file",
        "server.crt");
    keytool(
        "-genkeypair",
        "-alias",
        "client",
        "-keyalg",
        "RSA",
        "-keysize",
        "2048",
        "-validity",
        "2",
        "-dname",
        "CN=recpipe-client",
        "-keystore",
        "client.p12",
        "-storetype",
        "PKCS12",
        "-storepass",
        PASSWORD);
    keytool(
        "-exportcert",
        "-rfc",
        "-alias",
        "client",
        "-keystore",
        "client.p12",
        "-storepass",
        PASSWORD,
        "-file",
        "client.crt");
    keytool(
        "-importcert",
        "-noprompt",
        "-alias",
        "client",
        "-file",
        "client.crt",
        "-keystore",
        "server-trust.p12",
        "-storetype",
        "PKCS12",
        "-storepass",
        PASSWORD);
    keytool(
        "-importcert",
        "-noprompt",
        "-alias",
        "server",
        "-file",
        "server.crt",
        "-keystore",
        "client-trust.p12",
        "-storetype",
        "PKCS12",
        "-storepass",
        PASSWORD);
  }

  @AfterEach
  void stopServers() {
    servers.forEach(WireMockServer::stop);
  }

  @Test
  void aCustomCaFromTheSslBundleIsTrusted() {
    WireMockServer server = empowerId(false);
    runner
        .withPropertyValues(
            "empowerid.base-url=https://127.0.0.1:" + server.httpsPort(),
            "empowerid.ssl-bundle=empowerid-ca")
        .run(
            context -> {
              assertThat(context).hasNotFailed();
              assertThat(context.getBean(EmpowerIdClient.class).poll(List.of(SessionId.of("s1"))))
                  .isEmpty();
            });
  }

  @Test
  void withoutTheBundleTheServersCertificateIsNotTrusted() {
    WireMockServer server = empowerId(false);
    runner
        .withPropertyValues("empowerid.base-url=https://127.0.0.1:" + server.httpsPort())
        .run(
            context ->
                assertThatThrownBy(
                        () ->
                            context
                                .getBean(EmpowerIdClient.class)
                                .poll(List.of(SessionId.of("s1"))))
                    .isInstanceOf(EmpowerIdException.class)
                    .hasMessageContaining("could not be reached"));
    assertThat(server.getAllServeEvents()).as("no request got through").isEmpty();
  }

  @Test
  void aClientCertificateFromTheBundleIsPresentedWhenTheServerAsksForOne() {
    WireMockServer server = empowerId(true);
    runner
        .withPropertyValues(
            "empowerid.base-url=https://127.0.0.1:" + server.httpsPort(),
            "empowerid.ssl-bundle=empowerid-mtls")
        .run(
            context ->
                assertThat(context.getBean(EmpowerIdClient.class).poll(List.of(SessionId.of("s1"))))
                    .isEmpty());
    runner
        .withPropertyValues(
            "empowerid.base-url=https://127.0.0.1:" + server.httpsPort(),
            "empowerid.ssl-bundle=empowerid-ca")
        .run(
            context ->
                assertThatThrownBy(
                        () ->
                            context
                                .getBean(EmpowerIdClient.class)
                                .poll(List.of(SessionId.of("s1"))))
                    .as("no client certificate")
                    .isInstanceOf(EmpowerIdException.class));
  }

  @Test
  void aBundleThatDoesNotExistStopsStartUp() {
    runner
        .withPropertyValues(
            "empowerid.base-url=https://127.0.0.1:9", "empowerid.ssl-bundle=no-such-bundle")
        .run(
            context ->
                assertThat(context)
                    .hasFailed()
                    .getFailure()
                    .rootCause()
                    .hasMessageContaining("no-such-bundle"));
  }

  @Test
  void plainHttpStopsStartUpUnlessAllowed() {
    runner
        .withPropertyValues("empowerid.base-url=http://127.0.0.1:9")
        .run(
            context ->
                assertThat(context)
                    .hasFailed()
                    .getFailure()
                    .rootCause()
                    .hasMessageContaining("empowerid.allow-insecure-http=true"));
    runner
        .withPropertyValues(
            "empowerid.base-url=http://127.0.0.1:9", "empowerid.allow-insecure-http=true")
        .run(context -> assertThat(context).hasNotFailed().hasSingleBean(EmpowerIdClient.class));
  }

  /** WireMock over HTTPS only, with the server certificate; asking for a client's, or not. */
  private WireMockServer empowerId(boolean needClientAuth) {
    var options =
        options()
            .bindAddress("127.0.0.1")
            .httpDisabled(true)
            .httpsPort(0)
            .keystorePath(certs.resolve("server.p12").toString())
            .keystorePassword(PASSWORD)
            .keyManagerPassword(PASSWORD)
            .keystoreType("PKCS12");
    if (needClientAuth) {
      options =
          options
              .needClientAuth(true)
              .trustStorePath(certs.resolve("server-trust.p12").toString())
              .trustStorePassword(PASSWORD)
              .trustStoreType("PKCS12");
    }
    WireMockServer server = new WireMockServer(options);
    server.start();
    servers.add(server);
    server.stubFor(
        post(urlEqualTo(FakeEmpowerId.TOKEN_PATH))
            .willReturn(
                okJson("{\"access_token\":\"t\",\"token_type\":\"Bearer\",\"expires_in\":3600}")));
    server.stubFor(
        post(urlEqualTo(FakeEmpowerId.POLLING_PATH)).willReturn(okJson("{\"sessions\":[]}")));
    return server;
  }

  private static void keytool(String... args) throws Exception {
    var command = new ArrayList<String>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
    command.addAll(List.of(args));
    Process process =
        new ProcessBuilder(command).directory(certs.toFile()).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes());
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).as("keytool %s: %s", command, output).isZero();
  }
}
