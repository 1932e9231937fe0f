package io.recpipe.encoder;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** The encoder service: turns finished session recordings into MP4 files. */
@SpringBootApplication
public class EncoderApplication {

  public static void main(String[] args) {
    SpringApplication.run(EncoderApplication.class, args);
  }
}
