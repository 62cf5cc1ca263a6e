package io.escala.whatsapp;

/**
 * What became of a {@link TemplateMessage}.
 *
 * @param messageId WhatsApp's message id ({@code wamid.…}); null when disabled, or when a duplicate's first send got
 *     no id back
 */
public record WhatsAppReceipt(String messageId, Status status) {

  public enum Status {
    /** WhatsApp accepted the message now. Delivery and reading are reported later, through Meta's webhooks. */
    SENT,
    /** The key was sent before; nothing was sent now. */
    DUPLICATE,
    /** WhatsApp is switched off in this installation; nothing was sent or recorded. */
    DISABLED
  }
}
