package io.escala.leads;

/** Names shared by the lead-nurturing diagram, the delegates and the web layer. */
public final class LeadProcess {

  public static final String KEY = "lead-nurturing";
  public static final String LEAD_ENGAGED = "LeadEngaged";
  public static final String LEAD_UNSUBSCRIBED = "LeadUnsubscribed";
  public static final String DEMO_BOOKED = "DemoBooked";
  public static final String DEMO_COMPLETED = "DemoCompleted";
  public static final String LEAD_HANDLED = "LeadHandled";
  public static final String EMAIL_BOUNCED = "EmailBounced";
  /** Course enrollment: the lead enrolled in a course, so the nurture sequence stops. */
  public static final String COURSE_ENROLLED = "CourseEnrolled";
  /** The address owner clicked the confirmation link's button (double opt-in). */
  public static final String MARKETING_CONSENT_CONFIRMED = "MarketingConsentConfirmed";
  /** A new submission of a lead with an open case ticked e-mail consent: a confirmation e-mail may be due. */
  public static final String CONSENT_CONFIRMATION_REQUESTED = "ConsentConfirmationRequested";

  private LeadProcess() {}
}
