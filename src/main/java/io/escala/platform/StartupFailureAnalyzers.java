package io.escala.platform;

import java.net.ConnectException;
import java.net.UnknownHostException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.identity.PasswordPolicyRule;
import org.camunda.bpm.engine.impl.identity.DefaultPasswordPolicyImpl;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.core.env.Environment;
import org.springframework.util.PlaceholderResolutionException;

/**
 * Start-up failures an operator can fix with one setting, each reported by Spring Boot as a description that names
 * the setting (property and environment variable) and an action. Registered in {@code META-INF/spring.factories}.
 */
public final class StartupFailureAnalyzers {

  private StartupFailureAnalyzers() {}

  /** {@code escala.llm.base-url} → {@code ESCALA_LLM_BASEURL}, as Spring Boot's relaxed binding reads it. */
  static String environmentVariable(String property) {
    return property.replace("-", "").replace('.', '_').replace("[", "_").replace("]", "").toUpperCase(Locale.ROOT);
  }

  static <T extends Throwable> T find(Throwable failure, Class<T> type) {
    return find(failure, type::isInstance) == null ? null : type.cast(find(failure, type::isInstance));
  }

  static Throwable find(Throwable failure, Function<Throwable, Boolean> matches) {
    Throwable t = failure;
    for (int depth = 0; t != null && depth < 64; depth++, t = t.getCause()) {
      if (matches.apply(t)) {
        return t;
      }
    }
    return null;
  }

  static Throwable rootCause(Throwable failure) {
    Throwable t = failure;
    for (int depth = 0; t.getCause() != null && depth < 64; depth++) {
      t = t.getCause();
    }
    return t;
  }

  /** The database is down, unreachable, or refuses the credentials. */
  public static final class DatabaseUnreachable implements FailureAnalyzer {

    private final Environment environment;

    public DatabaseUnreachable(Environment environment) {
      this.environment = environment;
    }

    @Override
    public FailureAnalysis analyze(Throwable failure) {
      SQLException login = (SQLException) find(failure, t -> t instanceof SQLException sql
          && sql.getSQLState() != null && sql.getSQLState().startsWith("28"));
      String url = withoutQuery(environment.getProperty("spring.datasource.url", "(spring.datasource.url not set)"));
      boolean postgresProfile = List.of(environment.getActiveProfiles()).contains("postgres");
      if (login != null) {
        return new FailureAnalysis("The database at " + url + " refused Escala's user or password: fix "
            + (postgresProfile ? "ESCALA_DB_USER / ESCALA_DB_PASSWORD" : "SPRING_DATASOURCE_USERNAME / SPRING_DATASOURCE_PASSWORD")
            + ".", "Set the user and password of a database account Escala may use (spring.datasource.username, "
            + "spring.datasource.password).", failure);
      }
      Throwable unreachable = find(failure, t -> t instanceof ConnectException || t instanceof UnknownHostException
          || t instanceof SQLTransientConnectionException
          || t instanceof SQLException sql && sql.getSQLState() != null && sql.getSQLState().startsWith("08"));
      if (unreachable == null) {
        return null;
      }
      String setting = postgresProfile
          ? "ESCALA_DB_URL (postgres profile) or SPRING_DATASOURCE_URL"
          : "SPRING_DATASOURCE_URL (spring.datasource.url), or SPRING_PROFILES_ACTIVE=postgres with ESCALA_DB_URL";
      return new FailureAnalysis("Escala cannot reach its database at " + url + " ("
          + rootCause(failure).getClass().getSimpleName() + "): fix " + setting + ", or start the database.",
          "Point " + setting + " at a running PostgreSQL (jdbc:postgresql://host:5432/escala) and check that the "
              + "host, port and firewall let Escala in; leave it unset for the embedded H2 database.", failure);
    }

    /** A JDBC URL may carry ?user=...&password=...: never print them. */
    private static String withoutQuery(String url) {
      int query = url.indexOf('?');
      int semicolon = url.startsWith("jdbc:h2:") ? -1 : url.indexOf(';');
      int cut = query >= 0 ? query : semicolon;
      return cut >= 0 ? url.substring(0, cut) : url;
    }
  }

  /** Camunda's password policy (enable-password-policy) refused the administrator's password. */
  public static final class AdminPasswordPolicy implements FailureAnalyzer {

    private final Environment environment;

    public AdminPasswordPolicy(Environment environment) {
      this.environment = environment;
    }

    @Override
    public FailureAnalysis analyze(Throwable failure) {
      if (find(failure, t -> t instanceof ProcessEngineException && t.getMessage() != null
          && t.getMessage().contains("Password does not match policy")) == null) {
        return null;
      }
      List<String> broken = brokenRules(environment.getProperty("camunda.bpm.admin-user.password"),
          environment.getProperty("camunda.bpm.admin-user.id", "admin"));
      return new FailureAnalysis("CAMUNDA_BPM_ADMINUSER_PASSWORD does not meet Camunda's password policy"
          + (broken.isEmpty() ? "" : " (" + String.join(", ", broken) + ")") + ": it needs at least "
          + DefaultPasswordPolicyImpl.MIN_LENGTH + " characters with an upper-case letter, a lower-case letter, a "
          + "digit and a special character, and must not contain the user id.",
          "Choose a password that meets the policy, or leave CAMUNDA_BPM_ADMINUSER_PASSWORD unset for a random one "
              + "printed once at start-up.", failure);
    }

    /** Names the rules the configured password breaks; never the password. */
    private static List<String> brokenRules(String password, String userId) {
      List<String> broken = new ArrayList<>();
      if (password == null) {
        return broken;
      }
      org.camunda.bpm.engine.impl.persistence.entity.UserEntity user =
          new org.camunda.bpm.engine.impl.persistence.entity.UserEntity(userId);
      for (PasswordPolicyRule rule : new DefaultPasswordPolicyImpl().getRules()) {
        if (!rule.execute(password, user)) {
          broken.add(switch (rule.getPlaceholder()) {
            case "PASSWORD_POLICY_LENGTH" -> "too short";
            case "PASSWORD_POLICY_LOWERCASE" -> "no lower-case letter";
            case "PASSWORD_POLICY_UPPERCASE" -> "no upper-case letter";
            case "PASSWORD_POLICY_DIGIT" -> "no digit";
            case "PASSWORD_POLICY_SPECIAL" -> "no special character";
            case "PASSWORD_POLICY_USER_DATA" -> "contains the user id";
            default -> rule.getPlaceholder();
          });
        }
      }
      return broken;
    }
  }

  /** A setting without which Escala cannot start: a {@link MissingSettingException} or an unresolved {@code ${...}}. */
  public static final class MissingSetting implements FailureAnalyzer {

    @Override
    public FailureAnalysis analyze(Throwable failure) {
      MissingSettingException missing = find(failure, MissingSettingException.class);
      if (missing != null) {
        return analysis(missing.property(), missing.getMessage(), failure);
      }
      PlaceholderResolutionException placeholder = find(failure, PlaceholderResolutionException.class);
      if (placeholder != null && placeholder.getPlaceholder() != null) {
        String property = placeholder.getPlaceholder();
        return analysis(property, property + " is not set and has no default", failure);
      }
      return null;
    }

    private static FailureAnalysis analysis(String property, String reason, Throwable failure) {
      String variable = environmentVariable(property);
      return new FailureAnalysis("Missing setting " + variable + " (" + property + "): " + reason + ".",
          "Set the environment variable " + variable + " or the property " + property
              + " in application.yaml, then start Escala again.", failure);
    }
  }
}
