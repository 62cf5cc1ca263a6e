package io.escala.crm;

import java.time.OffsetDateTime;

/** One entry of a built-in contact's timeline (a note, call or e-mail a process logged). */
public record ContactActivity(long id, String type, String text, OffsetDateTime createdAt) {}
