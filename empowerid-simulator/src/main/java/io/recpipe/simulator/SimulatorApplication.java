package io.recpipe.simulator;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * A stand-in EmpowerID that serves the recording contract ({@code docs/empowerid-api.md}) over HTTP
 * with state, for demos and tests. Run it as a jar, or embed it in a test with {@code new
 * SpringApplicationBuilder(SimulatorApplication.class).run("--server.port=0", ...)}: settings go as
 * arguments, since builder properties rank below the jar's {@code application.yml}. The port taken
 * is the environment's {@code local.server.port}.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class SimulatorApplication {

  public static void main(String[] args) {
    SpringApplication.run(SimulatorApplication.class, args);
  }
}
