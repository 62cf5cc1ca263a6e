package io.escala.platform;

import java.util.HashMap;
import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Makes sure the Camunda starter never creates the administrator with a known password.
 *
 * <p>The starter creates {@code camunda.bpm.admin-user} (environment {@code CAMUNDA_BPM_ADMINUSER_ID} /
 * {@code CAMUNDA_BPM_ADMINUSER_PASSWORD}) and, without a password, uses the user id as password. Here the id defaults
 * to {@code admin} and a missing password becomes a random one, which {@link StartupBanner} prints once.
 */
public class AdminAccountDefaults implements EnvironmentPostProcessor {

  static final String GENERATED_FLAG = "escala.security.admin-password-generated";
  private static final String ID = "camunda.bpm.admin-user.id";
  private static final String PASSWORD = "camunda.bpm.admin-user.password";

  @Override
  public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
    Map<String, Object> defaults = new HashMap<>();
    if (isBlank(environment.getProperty(ID))) {
      defaults.put(ID, "admin");
    }
    if (isBlank(environment.getProperty(PASSWORD))) {
      defaults.put(PASSWORD, RandomPasswords.generate());
      defaults.put(GENERATED_FLAG, "true");
    }
    if (!defaults.isEmpty()) {
      environment.getPropertySources().addLast(new MapPropertySource("escalaAdminDefaults", defaults));
    }
  }

  private static boolean isBlank(String value) {
    return value == null || value.isBlank();
  }
}
