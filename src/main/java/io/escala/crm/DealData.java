package io.escala.crm;

/**
 * A deal Escala opens or moves for a contact.
 *
 * @param dealKey natural key, e.g. {@code "lead:" + e-mail}: a retry or a second call with the same key updates the
 *     deal, never creates a second one
 * @param contactEmail the contact the deal belongs to; created if the CRM does not know it yet
 * @param stage Escala's stage name ({@code qualification}, {@code demo-scheduled}, {@code presentation},
 *     {@code decision}, {@code contract-sent}, {@code won}, {@code lost}); HubSpot receives the matching stage of
 *     its default pipeline, any other value is passed through as a HubSpot stage id
 * @param ownerUserId the Escala (Camunda) user who owns the deal; may be null
 * @param description free text for sales; may be null (null keeps the stored text on update)
 */
public record DealData(
    String dealKey, String contactEmail, String name, String stage, String ownerUserId, String description) {

  public DealData {
    if (dealKey == null || dealKey.isBlank()) {
      throw new IllegalArgumentException("A deal needs a deal key");
    }
    if (contactEmail == null || contactEmail.isBlank()) {
      throw new IllegalArgumentException("A deal needs the contact's e-mail address");
    }
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("A deal needs a name");
    }
    if (stage == null || stage.isBlank()) {
      throw new IllegalArgumentException("A deal needs a stage");
    }
    dealKey = dealKey.trim();
    name = name.trim();
    stage = stage.trim();
  }
}
