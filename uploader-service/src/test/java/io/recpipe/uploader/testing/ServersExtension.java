package io.recpipe.uploader.testing;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Starts S3Mock or Azurite when a test asks for an {@link S3MockServer} or {@link AzuriteServer}
 * parameter (in {@code @BeforeAll}, a constructor or a test method); they stop when the test JVM
 * exits.
 */
public final class ServersExtension implements ParameterResolver {

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    Class<?> type = parameter.getParameter().getType();
    return type == S3MockServer.class || type == AzuriteServer.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == S3MockServer.class
        ? Servers.s3mock()
        : Servers.azurite();
  }
}
