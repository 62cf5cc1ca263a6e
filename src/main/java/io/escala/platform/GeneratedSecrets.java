package io.escala.platform;

import java.security.SecureRandom;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Random secrets generated on first use and kept in Escala's database, for installations that configure none: no
 * fixed default anywhere, and links in e-mails already sent survive a restart.
 */
@Component
public class GeneratedSecrets {

  private final JdbcClient jdbc;
  private final TransactionTemplate ownTransaction;

  public GeneratedSecrets(JdbcClient jdbc, PlatformTransactionManager transactions) {
    this.jdbc = jdbc;
    // The insert commits on its own: when two nodes create the same secret at once (first jobs on a new
    // installation), the losing insert fails in its own transaction, not in the caller's, which can then read the
    // winner's secret; on PostgreSQL a failed statement would otherwise abort the caller's whole transaction.
    this.ownTransaction = new TransactionTemplate(transactions);
    this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
  }

  public String getOrCreate(String name) {
    return find(name).orElseGet(() -> {
      byte[] random = new byte[32];
      new SecureRandom().nextBytes(random);
      String secret = Base64.getEncoder().encodeToString(random);
      try {
        ownTransaction.executeWithoutResult(status -> jdbc
            .sql("INSERT INTO escala_secret (name, secret, created_at) VALUES (:name, :secret, :now)")
            .param("name", name).param("secret", secret)
            .param("now", OffsetDateTime.now(ZoneOffset.UTC)).update());
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
