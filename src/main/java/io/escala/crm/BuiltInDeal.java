package io.escala.crm;

import java.time.OffsetDateTime;

/** A deal of the built-in CRM, as the staff contact page shows it. */
public record BuiltInDeal(
    long id,
    String dealKey,
    String name,
    String stage,
    String ownerUserId,
    String description,
    OffsetDateTime createdAt,
    OffsetDateTime updatedAt) {}
