package io.escala;

import io.escala.platform.DiagramValidation;
import java.nio.file.Path;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class EscalaApplication {

  public static void main(String[] args) {
    if (args.length > 0 && "validate".equals(args[0])) {
      // For analysts: check diagrams without starting Escala.
      System.exit(DiagramValidation.run(Path.of(args.length > 1 ? args[1] : "processes"), System.out));
    }
    SpringApplication.run(EscalaApplication.class, args);
  }
}
