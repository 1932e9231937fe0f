package io.recpipe.uploader.testing;

/**
 * The servers shared by every test class of a run: started on first use, stopped when the JVM
 * exits. Starting S3Mock costs seconds, so one per run rather than one per class.
 */
public final class Servers {

  private static S3MockServer s3mock;
  private static AzuriteServer azurite;

  private Servers() {}

  public static synchronized S3MockServer s3mock() {
    if (s3mock == null) {
      s3mock = S3MockServer.start();
      Runtime.getRuntime().addShutdownHook(new Thread(s3mock::close));
    }
    return s3mock;
  }

  public static synchronized AzuriteServer azurite() {
    if (azurite == null) {
      azurite = AzuriteServer.start();
      Runtime.getRuntime().addShutdownHook(new Thread(azurite::close));
    }
    return azurite;
  }
}
