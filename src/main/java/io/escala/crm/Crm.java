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

  /** Erasure: removes the contact and what hangs on it. Unknown e-mail: nothing happens. */
  void deleteContact(String email);
}
