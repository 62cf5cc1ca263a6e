package io.escala.leads;

/** What a lead did that counts towards engagement. Points per type are configured, see scoring. */
public enum EngagementType {
  LINK_CLICK, PAGE_VISIT, WEBINAR_ATTENDED, REPLY, FORM_RESUBMITTED
}
