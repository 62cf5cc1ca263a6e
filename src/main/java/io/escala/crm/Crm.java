package io.escala.crm;

/**
 * The CRM port: contacts (keyed by normalized e-mail), deals and activities. Every write is an upsert or carries an
 * idempotency key, so a retried job never creates a second record.
 */
public interface Crm {

  CrmContact upsertContact(ContactData contact);

  void setLifecycleStage(String email, LifecycleStage stage);

  /** Records a note, call or e-mail on the contact's timeline; a repeated key records nothing. */
  void logActivity(String email, String idempotencyKey, String type, String text);

  /**
   * Opens or updates the deal with {@code deal.dealKey()} on the contact (created if unknown). Idempotent by the
   * deal key: a retried job moves the same deal, it never opens a second one.
   */
  CrmDeal upsertDeal(DealData deal);

  /** Erasure: removes the contact and what hangs on it (activities, deals). Unknown e-mail: nothing happens. */
  void deleteContact(String email);
}
