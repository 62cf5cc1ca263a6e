package io.escala;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class EscalaApplication {

  public static void main(String[] args) {
    SpringApplication.run(EscalaApplication.class, args);
  }
}
