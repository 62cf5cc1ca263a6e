package io.escala.documents;

import java.util.Locale;

/** The requester's e-mails: when the batch starts, and how it ends (delivered, rejected or cancelled). */
public enum BatchMail {
  STARTED, DELIVERED, REJECTED, CANCELLED;

  String template() {
    return "documents/" + name().toLowerCase(Locale.ROOT);
  }
}
