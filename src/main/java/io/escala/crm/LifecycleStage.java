package io.escala.crm;

/** Lifecycle stages, named as HubSpot's default property values so the adapter maps them one to one. */
public enum LifecycleStage {
  SUBSCRIBER("subscriber"),
  LEAD("lead"),
  MARKETING_QUALIFIED("marketingqualifiedlead"),
  SALES_QUALIFIED("salesqualifiedlead"),
  OPPORTUNITY("opportunity"),
  CUSTOMER("customer"),
  EVANGELIST("evangelist"),
  OTHER("other");

  private final String hubspotValue;

  LifecycleStage(String hubspotValue) {
    this.hubspotValue = hubspotValue;
  }

  public String hubspotValue() {
    return hubspotValue;
  }
}
