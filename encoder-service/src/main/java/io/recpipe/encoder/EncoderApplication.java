package io.recpipe.encoder;

import io.recpipe.common.job.Requeue;
import io.recpipe.converter.cli.ConvertCommand;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** The encoder service: turns finished session recordings into MP4 files. */
@SpringBootApplication
public class EncoderApplication {

  public static void main(String[] args) {
    if (args.length > 0 && args[0].equals("convert")) {
      // A one-off conversion: plain Java, no Spring context, no web server, no scheduler.
      String[] rest = java.util.Arrays.copyOfRange(args, 1, args.length);
      System.exit(ConvertCommand.run(rest, System.err));
    }
    if (args.length > 0 && args[0].equals("requeue")) {
      // Failed jobs get another full set of attempts (recordings back from quarantine).
      String[] rest = java.util.Arrays.copyOfRange(args, 1, args.length);
      System.exit(Requeue.command(EncoderApplication.class, "encoder", rest));
    }
    SpringApplication.run(EncoderApplication.class, args);
  }
}
