package io.recpipe.uploader;

import io.recpipe.common.job.Requeue;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** Uploads the encoder's MP4 recordings to the storage each session asks for. */
@SpringBootApplication
public class UploaderApplication {

  public static void main(String[] args) {
    if (args.length > 0 && args[0].equals("requeue")) {
      // Failed jobs get another full set of attempts.
      String[] rest = java.util.Arrays.copyOfRange(args, 1, args.length);
      System.exit(Requeue.command(UploaderApplication.class, "uploader", rest));
    }
    SpringApplication.run(UploaderApplication.class, args);
  }
}
