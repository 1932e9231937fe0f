package io.recpipe.uploader.store.s3;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/** Which S3 answers to a conditional write mean "the key is taken". */
class S3FailuresTest {

  @Test
  void preconditionFailedMeansTheKeyIsTaken() {
    assertThat(S3Failures.isKeyTaken(wrapped(s3(412, "PreconditionFailed")))).isTrue();
  }

  @Test
  void aConcurrentConditionalWriteMeansTheKeyIsTaken() {
    assertThat(S3Failures.isKeyTaken(wrapped(s3(409, "ConditionalRequestConflict")))).isTrue();
  }

  @Test
  void otherFailuresAreNotAboutTheKey() {
    assertThat(S3Failures.isKeyTaken(wrapped(s3(409, "OperationAborted")))).isFalse();
    assertThat(S3Failures.isKeyTaken(wrapped(s3(403, "AccessDenied")))).isFalse();
    assertThat(S3Failures.isKeyTaken(wrapped(s3(500, "InternalError")))).isFalse();
    assertThat(S3Failures.isKeyTaken(SdkClientException.create("connection reset"))).isFalse();
  }

  private static S3Exception s3(int status, String code) {
    return (S3Exception)
        S3Exception.builder()
            .statusCode(status)
            .awsErrorDetails(AwsErrorDetails.builder().errorCode(code).build())
            .message(code)
            .build();
  }

  private static RuntimeException wrapped(S3Exception e) {
    return new CompletionException(e);
  }
}
