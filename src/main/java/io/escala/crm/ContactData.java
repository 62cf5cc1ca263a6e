package io.escala.crm;

/** What Escala knows of a person; null fields are left unchanged on upsert. */
public record ContactData(
    String email,
    String firstName,
    String lastName,
    String company,
    String country,
    String language,
    LifecycleStage stage,
    String source) {}
