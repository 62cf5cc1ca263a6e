package io.escala.leads;

import java.util.Comparator;
import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Assigns leads to the members of a Camunda group in turn (round-robin over the user ids, sorted).
 *
 * <p>The turn counter is a row per group in {@code lead_owner_rotation}, so the rotation survives restarts. It is
 * incremented with {@code UPDATE ... SET next_index = next_index + 1}, which locks the row until the increment
 * commits: two concurrent jobs always get different turns. The increment commits in its own short transaction, so the
 * row is not locked for the rest of a (possibly slow) job; a job that fails after its pick spends that turn.
 */
@Component
public class SalesOwners {

  private final IdentityService identityService;
  private final JdbcClient jdbc;
  private final TransactionTemplate ownTransaction;
  private final TransactionTemplate savepoint;

  public SalesOwners(IdentityService identityService, JdbcClient jdbc, PlatformTransactionManager transactionManager) {
    this.identityService = identityService;
    this.jdbc = jdbc;
    this.ownTransaction = new TransactionTemplate(transactionManager);
    this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    this.savepoint = new TransactionTemplate(transactionManager);
    this.savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
  }

  /**
   * @return the user id of the group member whose turn it is
   * @throws IllegalStateException when the group has no members
   */
  public String next(String groupId) {
    if (groupId == null || groupId.isBlank()) {
      throw new IllegalArgumentException("SalesOwners needs a Camunda group id");
    }
    List<String> members = identityService.createUserQuery().memberOfGroup(groupId).list().stream()
        .map(User::getId)
        .sorted(Comparator.naturalOrder())
        .toList();
    if (members.isEmpty()) {
      throw new IllegalStateException("Camunda group '" + groupId + "' has no members to assign leads to: add sales"
          + " users to the group in Camunda Admin, or configure another group");
    }
    long turn = ownTransaction.execute(status -> takeTurn(groupId));
    return members.get((int) Math.floorMod(turn, (long) members.size()));
  }

  /** Increments the group's counter and returns the turn taken (the value before the increment). */
  private long takeTurn(String groupId) {
    if (increment(groupId) == 0) {
      try {
        savepoint.executeWithoutResult(status -> jdbc.sql(
                "INSERT INTO lead_owner_rotation (group_id, next_index) VALUES (:groupId, 1)")
            .param("groupId", groupId)
            .update());
        return 0;
      } catch (DuplicateKeyException startedConcurrently) {
        increment(groupId);
      }
    }
    // the row stays locked by the increment until commit, so this reads our own turn
    return jdbc.sql("SELECT next_index FROM lead_owner_rotation WHERE group_id = :groupId")
            .param("groupId", groupId)
            .query(Long.class)
            .single()
        - 1;
  }

  private int increment(String groupId) {
    return jdbc.sql("UPDATE lead_owner_rotation SET next_index = next_index + 1 WHERE group_id = :groupId")
        .param("groupId", groupId)
        .update();
  }
}
