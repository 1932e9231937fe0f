package io.recpipe.simulator;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * A stand-in EmpowerID that serves the recording contract ({@code docs/empowerid-api.md}) over HTTP
 * with state, for demos and tests. Run it as a jar, or embed it in a test with {@code new
 * SpringApplicationBuilder(SimulatorApplication.class).properties("server.port=0").run()}.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class SimulatorApplication {

  public static void main(String[] args) {
    SpringApplication.run(SimulatorApplication.class, args);
  }
}
