package io.escala.crm;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Escala's own CRM in the {@code crm_contact}, {@code crm_activity} and {@code crm_deal} tables: the embedded default, shown to staff
 * at {@code /staff/crm}.
 *
 * <p>Writes usually run inside the Camunda job's transaction. Inserts that may collide with a concurrent job run under
 * a savepoint ({@code PROPAGATION_NESTED}): on PostgreSQL a failed statement would otherwise abort the whole job
 * transaction, and the "update again" fallback could never run.
 */
public class BuiltInCrm implements Crm {

  private static final String CONTACT_COLUMNS =
      "id, email, first_name, last_name, company, country, language, lifecycle_stage, source, created_at, updated_at";

  private final JdbcClient jdbc;
  private final TransactionTemplate savepoint;
  private final Clock clock;

  public BuiltInCrm(JdbcClient jdbc, PlatformTransactionManager transactionManager, Clock clock) {
    this.jdbc = jdbc;
    this.savepoint = new TransactionTemplate(transactionManager);
    this.savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
    this.clock = clock;
  }

  @Override
  public CrmContact upsertContact(ContactData data) {
    String email = ContactEmail.normalize(data.email());
    OffsetDateTime now = now();
    // update-then-insert: portable across H2 and PostgreSQL, unlike MERGE / ON CONFLICT
    if (update(email, data, now) == 0) {
      try {
        savepoint.executeWithoutResult(status -> insert(email, data, now));
      } catch (DuplicateKeyException createdConcurrently) {
        update(email, data, now);
      }
    }
    BuiltInContact stored =
        findContact(email).orElseThrow(() -> new IllegalStateException("Contact vanished during its upsert"));
    return new CrmContact(String.valueOf(stored.id()), stored.email(), stored.stage());
  }

  @Override
  public void setLifecycleStage(String email, LifecycleStage stage) {
    upsertContact(new ContactData(email, null, null, null, null, null, stage, null));
  }

  @Override
  public void logActivity(String email, String idempotencyKey, String type, String text) {
    if (idempotencyKey == null || idempotencyKey.isBlank()) {
      throw new IllegalArgumentException("An activity needs an idempotency key");
    }
    if (activityLogged(idempotencyKey)) {
      return;
    }
    long contactId = Long.parseLong(upsertContact(onlyEmail(email)).externalId());
    try {
      savepoint.executeWithoutResult(status -> jdbc.sql("""
              INSERT INTO crm_activity (contact_id, idempotency_key, type, text, created_at)
              VALUES (:contactId, :key, :type, :text, :now)""")
          .param("contactId", contactId)
          .param("key", idempotencyKey)
          .param("type", type == null || type.isBlank() ? "note" : type.trim())
          .param("text", text, Types.VARCHAR)
          .param("now", now())
          .update());
    } catch (DuplicateKeyException loggedConcurrently) {
      // the same key arrived twice at once; the first one counts
    }
  }

  @Override
  public CrmDeal upsertDeal(DealData deal) {
    long contactId = Long.parseLong(upsertContact(onlyEmail(deal.contactEmail())).externalId());
    OffsetDateTime now = now();
    if (updateDeal(deal, now) == 0) {
      try {
        savepoint.executeWithoutResult(status -> jdbc.sql("""
                INSERT INTO crm_deal
                  (deal_key, contact_id, name, stage, owner_user_id, description, created_at, updated_at)
                VALUES (:key, :contactId, :name, :stage, :owner, :description, :now, :now)""")
            .paramSource(dealFields(deal, now).addValue("contactId", contactId))
            .update());
      } catch (DuplicateKeyException openedConcurrently) {
        updateDeal(deal, now);
      }
    }
    return jdbc.sql("SELECT id, deal_key, stage FROM crm_deal WHERE deal_key = :key")
        .param("key", deal.dealKey())
        .query((rs, row) -> new CrmDeal(String.valueOf(rs.getLong("id")), rs.getString("deal_key"), rs.getString("stage")))
        .single();
  }

  /** Erasure: the contact's activities and deals go with it ({@code ON DELETE CASCADE}). */
  @Override
  public void deleteContact(String email) {
    jdbc.sql("DELETE FROM crm_contact WHERE email = :email").param("email", ContactEmail.normalize(email)).update();
  }

  /** Contacts newest first; {@code pageNumber} is 1-based, values below 1 mean the first page. */
  public ContactPage listContacts(int pageNumber, int pageSize) {
    int number = Math.max(1, pageNumber);
    int size = Math.max(1, pageSize);
    long offset = (long) (number - 1) * size;
    List<BuiltInContact> rows = jdbc.sql("SELECT " + CONTACT_COLUMNS
            + " FROM crm_contact ORDER BY created_at DESC, id DESC LIMIT :limit OFFSET :offset")
        .param("limit", size + 1)
        .param("offset", offset)
        .query(BuiltInCrm::contact)
        .list();
    boolean hasNext = rows.size() > size;
    return new ContactPage(hasNext ? rows.subList(0, size) : rows, number, size, hasNext);
  }

  public Optional<ContactHistory> findByEmail(String email) {
    return findContact(ContactEmail.normalize(email)).map(this::withActivities);
  }

  public Optional<ContactHistory> findById(long id) {
    return jdbc.sql("SELECT " + CONTACT_COLUMNS + " FROM crm_contact WHERE id = :id")
        .param("id", id)
        .query(BuiltInCrm::contact)
        .optional()
        .map(this::withActivities);
  }

  private int update(String email, ContactData data, OffsetDateTime now) {
    // COALESCE keeps what is stored when a field is unknown; source stays the first touch
    return jdbc.sql("""
            UPDATE crm_contact SET
              first_name = COALESCE(:firstName, first_name),
              last_name = COALESCE(:lastName, last_name),
              company = COALESCE(:company, company),
              country = COALESCE(:country, country),
              language = COALESCE(:language, language),
              lifecycle_stage = COALESCE(:stage, lifecycle_stage),
              source = COALESCE(source, :source),
              updated_at = :now
            WHERE email = :email""")
        .paramSource(fields(email, data, now))
        .update();
  }

  private int updateDeal(DealData deal, OffsetDateTime now) {
    // the contact stays the one the deal was opened for; an unknown owner or description keeps what is stored
    return jdbc.sql("""
            UPDATE crm_deal SET
              name = :name,
              stage = :stage,
              owner_user_id = COALESCE(:owner, owner_user_id),
              description = COALESCE(:description, description),
              updated_at = :now
            WHERE deal_key = :key""")
        .paramSource(dealFields(deal, now))
        .update();
  }

  private static MapSqlParameterSource dealFields(DealData deal, OffsetDateTime now) {
    return new MapSqlParameterSource()
        .addValue("key", deal.dealKey())
        .addValue("name", deal.name())
        .addValue("stage", deal.stage())
        .addValue("owner", present(deal.ownerUserId()), Types.VARCHAR)
        .addValue("description", present(deal.description()), Types.VARCHAR)
        .addValue("now", now);
  }

  private void insert(String email, ContactData data, OffsetDateTime now) {
    jdbc.sql("""
            INSERT INTO crm_contact
              (email, first_name, last_name, company, country, language, lifecycle_stage, source, created_at, updated_at)
            VALUES (:email, :firstName, :lastName, :company, :country, :language, :stage, :source, :now, :now)""")
        .paramSource(fields(email, data, now))
        .update();
  }

  private static MapSqlParameterSource fields(
      String email, ContactData data, OffsetDateTime now) {
    // typed nulls: PostgreSQL cannot infer the type of a bare null inside COALESCE
    return new MapSqlParameterSource()
        .addValue("email", email)
        .addValue("firstName", present(data.firstName()), Types.VARCHAR)
        .addValue("lastName", present(data.lastName()), Types.VARCHAR)
        .addValue("company", present(data.company()), Types.VARCHAR)
        .addValue("country", present(data.country()), Types.VARCHAR)
        .addValue("language", present(data.language()), Types.VARCHAR)
        .addValue("stage", data.stage() == null ? null : data.stage().name(), Types.VARCHAR)
        .addValue("source", present(data.source()), Types.VARCHAR)
        .addValue("now", now);
  }

  /** A blank form field means "unknown", not "erase what we know". */
  private static String present(String value) {
    return value == null || value.isBlank() ? null : value.trim();
  }

  private boolean activityLogged(String idempotencyKey) {
    return jdbc.sql("SELECT COUNT(*) FROM crm_activity WHERE idempotency_key = :key")
            .param("key", idempotencyKey)
            .query(Long.class)
            .single()
        > 0;
  }

  private Optional<BuiltInContact> findContact(String normalizedEmail) {
    return jdbc.sql("SELECT " + CONTACT_COLUMNS + " FROM crm_contact WHERE email = :email")
        .param("email", normalizedEmail)
        .query(BuiltInCrm::contact)
        .optional();
  }

  private ContactHistory withActivities(BuiltInContact contact) {
    List<ContactActivity> activities = jdbc.sql("""
            SELECT id, type, text, created_at FROM crm_activity
            WHERE contact_id = :contactId ORDER BY created_at DESC, id DESC""")
        .param("contactId", contact.id())
        .query((rs, row) -> new ContactActivity(
            rs.getLong("id"), rs.getString("type"), rs.getString("text"), utc(rs, "created_at")))
        .list();
    List<BuiltInDeal> deals = jdbc.sql("""
            SELECT id, deal_key, name, stage, owner_user_id, description, created_at, updated_at FROM crm_deal
            WHERE contact_id = :contactId ORDER BY created_at DESC, id DESC""")
        .param("contactId", contact.id())
        .query((rs, row) -> new BuiltInDeal(
            rs.getLong("id"),
            rs.getString("deal_key"),
            rs.getString("name"),
            rs.getString("stage"),
            rs.getString("owner_user_id"),
            rs.getString("description"),
            utc(rs, "created_at"),
            utc(rs, "updated_at")))
        .list();
    return new ContactHistory(contact, activities, deals);
  }

  private static BuiltInContact contact(ResultSet rs, int row) throws SQLException {
    String stage = rs.getString("lifecycle_stage");
    return new BuiltInContact(
        rs.getLong("id"),
        rs.getString("email"),
        rs.getString("first_name"),
        rs.getString("last_name"),
        rs.getString("company"),
        rs.getString("country"),
        rs.getString("language"),
        stage == null ? null : LifecycleStage.valueOf(stage),
        rs.getString("source"),
        utc(rs, "created_at"),
        utc(rs, "updated_at"));
  }

  private static OffsetDateTime utc(ResultSet rs, String column) throws SQLException {
    OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
    return value == null ? null : value.withOffsetSameInstant(ZoneOffset.UTC);
  }

  private static ContactData onlyEmail(String email) {
    return new ContactData(email, null, null, null, null, null, null, null);
  }

  private OffsetDateTime now() {
    return OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
  }
}
