package io.escala.platform;

import java.security.SecureRandom;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Random secrets generated on first use and kept in Escala's database, for installations that configure none: no
 * fixed default anywhere, and links in e-mails already sent survive a restart.
 */
@Component
public class GeneratedSecrets {

  private final JdbcClient jdbc;

  public GeneratedSecrets(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  public String getOrCreate(String name) {
    return find(name).orElseGet(() -> {
      byte[] random = new byte[32];
      new SecureRandom().nextBytes(random);
      String secret = Base64.getEncoder().encodeToString(random);
      try {
        jdbc.sql("INSERT INTO escala_secret (name, secret, created_at) VALUES (:name, :secret, :now)")
            .param("name", name).param("secret", secret)
            .param("now", OffsetDateTime.now(ZoneOffset.UTC)).update();
        return secret;
      } catch (DuplicateKeyException anotherNodeWasFaster) {
        return find(name).orElseThrow();
      }
    });
  }

  private java.util.Optional<String> find(String name) {
    return jdbc.sql("SELECT secret FROM escala_secret WHERE name = :name").param("name", name)
        .query(String.class).optional();
  }
}
