package io.escala.crm;

/** A contact as the CRM holds it; {@code externalId} is the CRM's own id (built-in row id or HubSpot object id). */
public record CrmContact(String externalId, String email, LifecycleStage stage) {}
