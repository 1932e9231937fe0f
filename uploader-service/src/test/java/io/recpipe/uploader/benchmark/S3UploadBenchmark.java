package io.recpipe.uploader.benchmark;

import io.recpipe.common.session.SessionId;
import io.recpipe.uploader.store.Digests;
import io.recpipe.uploader.store.Metadata;
import io.recpipe.uploader.store.ObjectKey;
import io.recpipe.uploader.store.s3.S3Clients;
import io.recpipe.uploader.store.s3.S3StoreOptions;
import io.recpipe.uploader.store.s3.S3VideoStore;
import io.recpipe.uploader.testing.S3MockServer;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.transfer.s3.S3TransferManager;

/**
 * Upload throughput and peak memory of {@link S3VideoStore} against S3Mock, next to the plain SDK
 * ({@link S3TransferManager#uploadFile} over a multipart-enabled {@link S3AsyncClient} with the
 * same part size) in the same run. Arguments: file size in MB (default 500), rounds (default 2).
 * Run by {@code scripts/benchmark-uploader.sh}.
 */
public final class S3UploadBenchmark {

  private static final long PART = 8L * 1024 * 1024;

  public static void main(String[] args) throws Exception {
    long mb = args.length > 0 ? Long.parseLong(args[0]) : 500;
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 2;
    Path dir = Files.createTempDirectory("uploader-bench-");
    Path file = generate(dir.resolve("large.mp4"), mb * 1024 * 1024);
    System.out.printf(
        "file: %d MB, part: %d MB, max heap: %d MB, cores: %d%n",
        mb,
        PART >> 20,
        Runtime.getRuntime().maxMemory() >> 20,
        Runtime.getRuntime().availableProcessors());
    try (S3MockServer server = S3MockServer.start()) {
      var options =
          new S3StoreOptions(
              S3MockServer.BUCKET, S3StoreOptions.Encryption.NONE, null, 2 * PART, PART);
      try (S3AsyncClient ours =
              S3Clients.client("us-east-1", server.endpoint(), true, "a", "b", options, 4);
          S3AsyncClient plain = plainClient(server.endpoint());
          S3TransferManager transfers = S3TransferManager.builder().s3Client(plain).build()) {
        var store = new S3VideoStore(ours, options);
        for (int round = 1; round <= rounds; round++) {
          measure(
              "sdk transfer manager",
              round,
              file,
              () ->
                  transfers
                      .uploadFile(
                          u ->
                              u.source(file)
                                  .putObjectRequest(
                                      p -> p.bucket(S3MockServer.BUCKET).key(key("sdk").value())))
                      .completionFuture()
                      .join());
          measure(
              "S3VideoStore.put (sha256 + upload + verify)",
              round,
              file,
              () -> {
                Metadata metadata = Digests.metadataOf(SessionId.of("bench"), file);
                store.put(file, key("store"), metadata);
              });
        }
      }
    } finally {
      Files.deleteIfExists(file);
    }
  }

  private static S3AsyncClient plainClient(String endpoint) {
    return S3AsyncClient.builder()
        .region(Region.US_EAST_1)
        .endpointOverride(java.net.URI.create(endpoint))
        .forcePathStyle(true)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("a", "b")))
        .multipartEnabled(true)
        .multipartConfiguration(m -> m.thresholdInBytes(2 * PART).minimumPartSizeInBytes(PART))
        .build();
  }

  private static ObjectKey key(String who) {
    return new ObjectKey("bench/" + who + "/" + UUID.randomUUID() + ".mp4");
  }

  private static void measure(String name, int round, Path file, Runnable upload)
      throws IOException {
    System.gc();
    var heap = ManagementFactory.getMemoryMXBean();
    long heapBefore = heap.getHeapMemoryUsage().getUsed();
    AtomicLong peakHeap = new AtomicLong(heapBefore);
    AtomicLong peakRss = new AtomicLong(rssKb());
    AtomicBoolean running = new AtomicBoolean(true);
    Thread sampler =
        new Thread(
            () -> {
              while (running.get()) {
                peakHeap.accumulateAndGet(heap.getHeapMemoryUsage().getUsed(), Math::max);
                peakRss.accumulateAndGet(rssKb(), Math::max);
                try {
                  Thread.sleep(10);
                } catch (InterruptedException e) {
                  return;
                }
              }
            });
    sampler.setDaemon(true);
    sampler.start();
    long start = System.nanoTime();
    upload.run();
    long nanos = System.nanoTime() - start;
    running.set(false);
    double seconds = nanos / 1e9;
    double mbs = Files.size(file) / 1048576.0 / seconds;
    System.out.printf(
        "round %d | %-44s | %6.2f s | %7.1f MB/s | peak heap %5d MB (+%d over start) | peak RSS %5d MB%n",
        round,
        name,
        seconds,
        mbs,
        peakHeap.get() >> 20,
        (peakHeap.get() - heapBefore) >> 20,
        peakRss.get() >> 10);
  }

  private static long rssKb() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith("VmRSS:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", ""));
        }
      }
    } catch (IOException | RuntimeException e) {
      return 0;
    }
    return 0;
  }

  private static Path generate(Path file, long size) throws IOException {
    Random random = new Random(42);
    byte[] block = new byte[1 << 20];
    try (OutputStream out = Files.newOutputStream(file)) {
      for (long left = size; left > 0; left -= block.length) {
        random.nextBytes(block);
        out.write(block, 0, (int) Math.min(block.length, left));
      }
    }
    return file;
  }
}
