package io.escala.whatsapp;

/**
 * The port to WhatsApp: approved template messages (reminders of demos, later of course sessions), at most once per
 * idempotency key. Off by default ({@code escala.whatsapp.enabled}); then every send is a {@code DISABLED} receipt and
 * nothing is recorded, so a flow can call it unconditionally and fall back to e-mail.
 */
public interface WhatsAppMessages {

  /** Whether messages really go out; a flow may skip asking for a phone number when they do not. */
  boolean enabled();

  /**
   * Sends the template once per {@link TemplateMessage#idempotencyKey()}; a key already sent answers
   * {@code DUPLICATE} without calling WhatsApp.
   *
   * @throws WhatsAppRefusedException when WhatsApp refuses the message for good (not a WhatsApp number, unknown
   *     template, wrong parameter count, bad credentials): a retry would be refused again
   * @throws WhatsAppUnavailableException when WhatsApp did not answer in time, throttled (429) or failed (5xx), or
   *     another attempt is sending the same key right now: a later retry may succeed
   */
  WhatsAppReceipt sendTemplate(TemplateMessage message);
}
