package io.recpipe.uploader.store.s3;

import io.recpipe.uploader.store.ObjectKey;
import io.recpipe.uploader.store.VideoStoreContract;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.UploadPartRequest;

/** The store contract read back through an S3 client, whichever S3Mock serves it. */
abstract class S3Contract extends VideoStoreContract {

  static final long PART = 8L * 1024 * 1024;

  /** The client the store under test uses. */
  protected abstract S3AsyncClient client();

  /** The bucket the store under test writes to. */
  protected abstract String bucket();

  @Override
  protected long largeMinimumRequests() {
    return LARGE / PART - 1;
  }

  @Override
  protected List<String> keysUnder(String prefix) {
    return S3Fixtures.keysUnder(client(), bucket(), prefix);
  }

  @Override
  protected byte[] read(ObjectKey key) {
    return S3Fixtures.read(client(), bucket(), key);
  }

  @Override
  protected Optional<String> contentType(ObjectKey key) {
    return Optional.of(
        client().headObject(h -> h.bucket(bucket()).key(key.value())).join().contentType());
  }

  /** Counts PutObject and UploadPart requests as they leave the client. */
  static final class CountUploads implements ExecutionInterceptor {
    private final AtomicLong uploads;

    CountUploads(AtomicLong uploads) {
      this.uploads = uploads;
    }

    @Override
    public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attrs) {
      if (context.request() instanceof PutObjectRequest
          || context.request() instanceof UploadPartRequest) {
        uploads.incrementAndGet();
      }
    }
  }
}
