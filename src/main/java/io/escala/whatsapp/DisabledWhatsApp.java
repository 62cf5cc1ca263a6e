package io.escala.whatsapp;

/** WhatsApp switched off: nothing is sent or recorded, so an installation without a WhatsApp account runs as is. */
class DisabledWhatsApp implements WhatsAppMessages {

  @Override
  public boolean enabled() {
    return false;
  }

  @Override
  public WhatsAppReceipt sendTemplate(TemplateMessage message) {
    return new WhatsAppReceipt(null, WhatsAppReceipt.Status.DISABLED);
  }
}
