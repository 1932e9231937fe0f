package io.recpipe.uploader;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** Uploads the encoder's MP4 recordings to the storage each session asks for. */
@SpringBootApplication
public class UploaderApplication {

  public static void main(String[] args) {
    SpringApplication.run(UploaderApplication.class, args);
  }
}
