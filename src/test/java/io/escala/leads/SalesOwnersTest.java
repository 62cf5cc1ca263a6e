package io.escala.leads;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.RETURNS_DEEP_STUBS;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import javax.sql.DataSource;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.persistence.entity.UserEntity;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.transaction.support.TransactionTemplate;

class SalesOwnersTest {

  private final DataSource dataSource = migratedDatabase();
  private final JdbcClient jdbc = JdbcClient.create(dataSource);
  private final DataSourceTransactionManager transactionManager = new DataSourceTransactionManager(dataSource);
  private final IdentityService identityService = mock(IdentityService.class, RETURNS_DEEP_STUBS);
  private final SalesOwners owners = new SalesOwners(identityService, jdbc, transactionManager);

  @AfterEach
  void dropDatabase() {
    jdbc.sql("SHUTDOWN").update();
  }

  @Test
  void membersTakeTurnsInTheOrderOfTheirIds() {
    members("sales", "carla", "ana", "bruno");

    List<String> picks = IntStream.range(0, 7).mapToObj(i -> owners.next("sales")).toList();

    assertThat(picks).containsExactly("ana", "bruno", "carla", "ana", "bruno", "carla", "ana");
  }

  @Test
  void theRotationContinuesAfterARestart() {
    members("sales", "ana", "bruno", "carla");
    owners.next("sales");

    SalesOwners afterRestart = new SalesOwners(identityService, jdbc, transactionManager);

    assertThat(afterRestart.next("sales")).isEqualTo("bruno");
  }

  @Test
  void eachGroupHasItsOwnRotation() {
    members("sales", "ana", "bruno");
    members("sales-br", "joao", "maria");

    assertThat(List.of(owners.next("sales"), owners.next("sales-br"), owners.next("sales"), owners.next("sales-br")))
        .containsExactly("ana", "joao", "bruno", "maria");
  }

  @Test
  void aTurnIsSpentEvenWhenTheCallersTransactionRollsBack() {
    members("sales", "ana", "bruno");

    new TransactionTemplate(transactionManager).executeWithoutResult(job -> {
      assertThat(owners.next("sales")).isEqualTo("ana");
      job.setRollbackOnly();
    });

    assertThat(owners.next("sales")).isEqualTo("bruno");
  }

  @Test
  void anEmptyGroupIsAClearError() {
    members("sales");

    assertThatThrownBy(() -> owners.next("sales"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("'sales' has no members");
    assertThat(jdbc.sql("SELECT COUNT(*) FROM lead_owner_rotation").query(Long.class).single()).isZero();
  }

  @Test
  void concurrentCallersNeverShareATurn() throws Exception {
    members("sales", "ana", "bruno", "carla");
    CountDownLatch start = new CountDownLatch(1);
    List<String> picks = Collections.synchronizedList(new ArrayList<>());
    ExecutorService jobs = Executors.newFixedThreadPool(2);
    try {
      List<Future<?>> running = new ArrayList<>();
      for (int thread = 0; thread < 2; thread++) {
        running.add(jobs.submit(() -> {
          start.await();
          for (int i = 0; i < 50; i++) {
            picks.add(owners.next("sales"));
          }
          return null;
        }));
      }
      start.countDown();
      for (Future<?> job : running) {
        job.get();
      }
    } finally {
      jobs.shutdownNow();
    }

    Map<String, Long> counts = picks.stream().collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
    assertThat(counts).containsExactlyInAnyOrderEntriesOf(Map.of("ana", 34L, "bruno", 33L, "carla", 33L));
    assertThat(jdbc.sql("SELECT next_index FROM lead_owner_rotation WHERE group_id = 'sales'")
            .query(Long.class)
            .single())
        .isEqualTo(100L);
  }

  private void members(String groupId, String... userIds) {
    List<User> users = Arrays.stream(userIds).<User>map(UserEntity::new).toList();
    when(identityService.createUserQuery().memberOfGroup(groupId).list()).thenReturn(users);
  }

  private static DataSource migratedDatabase() {
    // a new connection per use, so the rotation's own transaction and row locks behave as in the app
    DataSource dataSource = new DriverManagerDataSource(
        "jdbc:h2:mem:owners-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=10000", "sa", "");
    Flyway.configure()
        .dataSource(dataSource)
        .locations("classpath:db/migration")
        .table("escala_schema_history")
        .load()
        .migrate();
    return dataSource;
  }
}
