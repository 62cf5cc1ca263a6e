package io.escala.crm;

/** A deal as the CRM holds it; {@code externalId} is the CRM's own id (built-in row id or HubSpot object id). */
public record CrmDeal(String externalId, String dealKey, String stage) {}
