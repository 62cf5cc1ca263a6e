package io.escala.crm;

import io.escala.support.MigratedTestDatabase;
import io.escala.support.MutableClock;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.transaction.support.TransactionTemplate;

class BuiltInCrmTest {

  private final MigratedTestDatabase database = MigratedTestDatabase.h2("crmtest");
  private final MutableClock clock = new MutableClock(Instant.parse("2025-03-01T12:00:00Z"));
  private final BuiltInCrm crm = new BuiltInCrm(database.jdbc, database.transactionManager, clock);

  @AfterEach
  void dropDatabase() {
    database.drop();
  }

  @Test
  void upsertingTheSameContactTwiceKeepsOneRowWithTheLatestStage() {
    CrmContact first = crm.upsertContact(contact("ana@example.com", "Ana", LifecycleStage.LEAD));
    clock.advance(Duration.ofMinutes(5));
    CrmContact second = crm.upsertContact(contact("ana@example.com", "Ana", LifecycleStage.MARKETING_QUALIFIED));

    assertThat(database.count("crm_contact")).isEqualTo(1);
    assertThat(second.externalId()).isEqualTo(first.externalId());
    assertThat(second.stage()).isEqualTo(LifecycleStage.MARKETING_QUALIFIED);
    BuiltInContact stored = crm.findByEmail("ana@example.com").orElseThrow().contact();
    assertThat(stored.createdAt()).isEqualTo("2025-03-01T12:00:00Z");
    assertThat(stored.updatedAt()).isEqualTo("2025-03-01T12:05:00Z");
  }

  @Test
  void unknownFieldsDoNotEraseWhatIsStored() {
    crm.upsertContact(new ContactData(
        "ana@example.com", "Ana", "Souza", "Acme", "BR", "pt-BR", LifecycleStage.LEAD, "customer-onboarding"));

    crm.upsertContact(new ContactData("ana@example.com", null, " ", null, null, null, null, "lead-nurturing"));

    BuiltInContact stored = crm.findByEmail("ana@example.com").orElseThrow().contact();
    assertThat(stored.firstName()).isEqualTo("Ana");
    assertThat(stored.lastName()).isEqualTo("Souza");
    assertThat(stored.company()).isEqualTo("Acme");
    assertThat(stored.country()).isEqualTo("BR");
    assertThat(stored.language()).isEqualTo("pt-BR");
    assertThat(stored.stage()).isEqualTo(LifecycleStage.LEAD);
    // source is the first touch
    assertThat(stored.source()).isEqualTo("customer-onboarding");
  }

  @Test
  void theEmailIsStoredTrimmedAndLowerCase() {
    CrmContact contact = crm.upsertContact(contact("  Ana.Souza@Example.COM ", "Ana", LifecycleStage.LEAD));
    crm.upsertContact(contact("ana.souza@example.com", "Ana", LifecycleStage.CUSTOMER));

    assertThat(contact.email()).isEqualTo("ana.souza@example.com");
    assertThat(database.count("crm_contact")).isEqualTo(1);
    assertThat(database.jdbc.sql("SELECT email FROM crm_contact").query(String.class).single())
        .isEqualTo("ana.souza@example.com");
    assertThat(crm.findByEmail("ANA.SOUZA@example.com")).isPresent();
  }

  @Test
  void settingTheStageCreatesOrUpdatesTheContact() {
    crm.setLifecycleStage("new@example.com", LifecycleStage.SUBSCRIBER);
    crm.setLifecycleStage("New@example.com", LifecycleStage.OPPORTUNITY);

    assertThat(database.count("crm_contact")).isEqualTo(1);
    assertThat(crm.findByEmail("new@example.com").orElseThrow().contact().stage())
        .isEqualTo(LifecycleStage.OPPORTUNITY);
  }

  @Test
  void anActivityWithTheSameKeyIsLoggedOnce() {
    crm.upsertContact(contact("ana@example.com", "Ana", LifecycleStage.LEAD));

    crm.logActivity("ana@example.com", "pi-1:VerifyEmail:ex-1:ana@example.com", "note", "Verified her e-mail");
    crm.logActivity("ana@example.com", "pi-1:VerifyEmail:ex-1:ana@example.com", "note", "Verified her e-mail");
    clock.advance(Duration.ofHours(1));
    crm.logActivity("Ana@Example.com", "pi-1:BookDemo:ex-2:ana@example.com", "call", "Booked a demo");

    ContactHistory history = crm.findByEmail("ana@example.com").orElseThrow();
    assertThat(history.activities())
        .extracting(ContactActivity::type, ContactActivity::text)
        .containsExactly(
            tuple("call", "Booked a demo"),
            tuple("note", "Verified her e-mail"));
  }

  @Test
  void anActivityForAnUnknownAddressCreatesTheContact() {
    crm.logActivity("walk-in@example.com", "key-1", "note", "Came to the stand");

    ContactHistory history = crm.findByEmail("walk-in@example.com").orElseThrow();
    assertThat(history.activities()).hasSize(1);
  }

  @Test
  void writesBelongToTheCallersTransactionSoAFailedJobLeavesNothingBehind() {
    TransactionTemplate job = new TransactionTemplate(database.transactionManager);

    job.executeWithoutResult(status -> {
      crm.upsertContact(contact("ana@example.com", "Ana", LifecycleStage.LEAD));
      crm.logActivity("ana@example.com", "key-1", "note", "First");
      crm.logActivity("ana@example.com", "key-1", "note", "First");
      assertThat(crm.findByEmail("ana@example.com").orElseThrow().activities()).hasSize(1);
      status.setRollbackOnly();
    });

    assertThat(database.count("crm_contact")).isZero();
    assertThat(database.count("crm_activity")).isZero();
  }

  @Test
  void deletingAContactRemovesItsActivities() {
    crm.upsertContact(contact("ana@example.com", "Ana", LifecycleStage.LEAD));
    crm.logActivity("ana@example.com", "key-1", "note", "Signed up");
    crm.logActivity("ana@example.com", "key-2", "note", "Verified");
    crm.upsertContact(contact("bruno@example.com", "Bruno", LifecycleStage.LEAD));
    crm.logActivity("bruno@example.com", "key-3", "note", "Signed up");

    crm.deleteContact(" ANA@example.com");

    assertThat(crm.findByEmail("ana@example.com")).isEmpty();
    assertThat(database.count("crm_contact")).isEqualTo(1);
    assertThat(database.count("crm_activity")).isEqualTo(1);
  }

  @Test
  void aSecondCallWithTheSameDealKeyMovesTheDealInsteadOfOpeningAnother() {
    CrmDeal opened = crm.upsertDeal(new DealData(
        "lead:ana@example.com", "Ana@Example.com", "Ana: ai-courses", "qualification", "maria", "Wants 20 seats"));
    clock.advance(Duration.ofMinutes(5));
    CrmDeal moved = crm.upsertDeal(new DealData(
        "lead:ana@example.com", "ana@example.com", "Ana: ai-courses", "demo-scheduled", null, null));

    assertThat(database.count("crm_deal")).isEqualTo(1);
    assertThat(moved.externalId()).isEqualTo(opened.externalId());
    assertThat(moved).isEqualTo(new CrmDeal(opened.externalId(), "lead:ana@example.com", "demo-scheduled"));
    BuiltInDeal stored = crm.findByEmail("ana@example.com").orElseThrow().deals().get(0);
    // an unknown owner or description keeps what is stored
    assertThat(stored.ownerUserId()).isEqualTo("maria");
    assertThat(stored.description()).isEqualTo("Wants 20 seats");
    assertThat(stored.stage()).isEqualTo("demo-scheduled");
    assertThat(stored.createdAt()).isEqualTo("2025-03-01T12:00:00Z");
    assertThat(stored.updatedAt()).isEqualTo("2025-03-01T12:05:00Z");
  }

  @Test
  void aDealForAnUnknownAddressCreatesTheContact() {
    crm.upsertDeal(new DealData("lead:new@example.com", "new@example.com", "New lead", "qualification", null, null));

    ContactHistory history = crm.findByEmail("new@example.com").orElseThrow();
    assertThat(history.deals()).extracting(BuiltInDeal::dealKey, BuiltInDeal::name, BuiltInDeal::ownerUserId)
        .containsExactly(tuple("lead:new@example.com", "New lead", null));
  }

  @Test
  void aDealOpenedInAFailedJobIsRolledBack() {
    TransactionTemplate job = new TransactionTemplate(database.transactionManager);

    job.executeWithoutResult(status -> {
      crm.upsertDeal(new DealData("lead:ana@example.com", "ana@example.com", "Ana", "qualification", null, null));
      crm.upsertDeal(new DealData("lead:ana@example.com", "ana@example.com", "Ana", "qualification", null, null));
      status.setRollbackOnly();
    });

    assertThat(database.count("crm_deal")).isZero();
    assertThat(database.count("crm_contact")).isZero();
  }

  @Test
  void aDealNeedsKeyContactNameAndStage() {
    assertThatThrownBy(() -> new DealData(" ", "ana@example.com", "Ana", "qualification", null, null))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("deal key");
    assertThatThrownBy(() -> new DealData("lead:x", null, "Ana", "qualification", null, null))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("e-mail");
    assertThatThrownBy(() -> new DealData("lead:x", "ana@example.com", "", "qualification", null, null))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("name");
    assertThatThrownBy(() -> new DealData("lead:x", "ana@example.com", "Ana", null, null, null))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("stage");
  }

  @Test
  void deletingAContactRemovesItsDeals() {
    crm.upsertDeal(new DealData("lead:ana@example.com", "ana@example.com", "Ana", "qualification", "maria", "x"));
    crm.upsertDeal(new DealData("upsell:ana@example.com", "ana@example.com", "Ana upsell", "won", null, null));
    crm.upsertDeal(new DealData("lead:bruno@example.com", "bruno@example.com", "Bruno", "qualification", null, null));

    crm.deleteContact("ana@example.com");

    assertThat(database.jdbc.sql("SELECT deal_key FROM crm_deal").query(String.class).list())
        .containsExactly("lead:bruno@example.com");
  }

  @Test
  void deletingAnUnknownContactDoesNothing() {
    crm.deleteContact("nobody@example.com");

    assertThat(database.count("crm_contact")).isZero();
  }

  @Test
  void aContactNeedsAnEmail() {
    assertThatThrownBy(() -> crm.upsertContact(contact(" ", "Ana", LifecycleStage.LEAD)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void contactsAreListedNewestFirstPageByPage() {
    for (String name : new String[] {"a", "b", "c"}) {
      crm.upsertContact(contact(name + "@example.com", name, LifecycleStage.LEAD));
      clock.advance(Duration.ofMinutes(1));
    }

    ContactPage first = crm.listContacts(1, 2);
    ContactPage second = crm.listContacts(2, 2);

    assertThat(first.contacts()).extracting(BuiltInContact::email).containsExactly("c@example.com", "b@example.com");
    assertThat(first.hasNext()).isTrue();
    assertThat(first.hasPrevious()).isFalse();
    assertThat(second.contacts()).extracting(BuiltInContact::email).containsExactly("a@example.com");
    assertThat(second.hasNext()).isFalse();
    assertThat(crm.listContacts(0, 2).number()).isEqualTo(1);
  }

  private static ContactData contact(String email, String firstName, LifecycleStage stage) {
    return new ContactData(email, firstName, null, null, null, null, stage, "test");
  }
}
