package io.escala.leads;

import io.escala.llm.Generated;
import java.util.Date;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** The thin delegates of processes/lead-nurturing.bpmn: read variables, call one service method, write variables. */
final class LeadDelegates {

  private LeadDelegates() {}

  static String leadKey(DelegateExecution execution) {
    return (String) execution.getVariable("leadKey");
  }

  /** "Analyze stated need (LLM)": needCategory, needUrgency, needSummary, needGeneratedBy. */
  @Component("analyzeLeadNeed")
  static class AnalyzeLeadNeed implements JavaDelegate {
    private final LeadCaseService cases;

    AnalyzeLeadNeed(LeadCaseService cases) {
      this.cases = cases;
    }

    @Override
    public void execute(DelegateExecution execution) {
      Generated<LeadNeedTask.NeedAnalysis> need = cases.analyzeNeed(leadKey(execution), execution.getProcessInstanceId());
      execution.setVariable("needCategory", need.value().category());
      execution.setVariable("needUrgency", need.value().urgency());
      execution.setVariable("needSummary", need.value().summary());
      execution.setVariable("needGeneratedBy", need.generatedBy());
    }
  }

  /**
   * "Score lead" and "Re-score lead": fit, engagement, total, route, reasons and history for the sales form, and the
   * lead's label for the task names (a confirmed re-submission may have changed the company).
   */
  @Component("scoreLead")
  static class ScoreLead implements JavaDelegate {
    private final LeadCaseService cases;

    ScoreLead(LeadCaseService cases) {
      this.cases = cases;
    }

    @Override
    public void execute(DelegateExecution execution) {
      LeadScore score = cases.score(leadKey(execution));
      execution.setVariable("leadLabel", cases.lead(leadKey(execution)).label());
      execution.setVariable("fitScore", score.fit());
      execution.setVariable("engagementScore", score.engagement());
      execution.setVariable("totalScore", score.total());
      execution.setVariable("route", score.route());
      execution.setVariable("scoreReasons", cases.reasonsText(score));
      execution.setVariable("scoreHistory", cases.historyText(leadKey(execution)));
    }
  }

  /** "Assign sales owner (round robin)": salesOwner, qualifyDue, escalationDue. */
  @Component("assignSalesOwner")
  static class AssignSalesOwner implements JavaDelegate {
    private final LeadCaseService cases;

    AssignSalesOwner(LeadCaseService cases) {
      this.cases = cases;
    }

    @Override
    public void execute(DelegateExecution execution) {
      LeadCaseService.SalesAssignment assignment = cases.assignOwner();
      execution.setVariable("salesOwner", assignment.owner());
      execution.setVariable("qualifyDue", assignment.qualifyDue());
      execution.setVariable("escalationDue", assignment.escalationDue());
      // The CRM note after qualification refers to it even when the form leaves it empty.
      execution.setVariable("qualificationNotes", "");
    }
  }

  /** "Upsert contact and deal in CRM". */
  @Component("createLeadDeal")
  static class CreateLeadDeal implements JavaDelegate {
    private final LeadCaseService cases;

    CreateLeadDeal(LeadCaseService cases) {
      this.cases = cases;
    }

    @Override
    public void execute(DelegateExecution execution) {
      String key = leadKey(execution);
      // The score the route was decided on, from "Score lead": scoring again would record a second snapshot.
      String scoreText = cases.scoreText(execution.getVariable("totalScore"), execution.getVariable("route"),
          (String) execution.getVariable("scoreReasons"));
      cases.upsertContactAndDeal(key, (String) execution.getVariable("salesOwner"), scoreText,
          (String) execution.getVariable("needSummary"));
    }
  }

  /** "Plan next e-mail in send window": nextSendAt. */
  @Component("planNurtureEmail")
  static class PlanNurtureEmail implements JavaDelegate {
    private final NurtureMailer mailer;

    PlanNurtureEmail(NurtureMailer mailer) {
      this.mailer = mailer;
    }

    @Override
    public void execute(DelegateExecution execution) {
      int step = execution.getVariable("nurtureStep") == null ? 0 : (Integer) execution.getVariable("nurtureStep");
      boolean deferred = Boolean.TRUE.equals(execution.getVariable("nurtureDeferred"));
      execution.setVariable("nurtureStep", step);
      execution.setVariable("nextSendAt", Date.from(mailer.nextSendTime(leadKey(execution), step, deferred)));
    }
  }

  /** "Send nurture e-mail with content": sends step {@code nurtureStep} or defers it; moreEmails. */
  @Component("sendNurtureEmail")
  static class SendNurtureEmail implements JavaDelegate {
    private final NurtureMailer mailer;

    SendNurtureEmail(NurtureMailer mailer) {
      this.mailer = mailer;
    }

    @Override
    public void execute(DelegateExecution execution) {
      int step = (Integer) execution.getVariable("nurtureStep");
      NurtureMailer.Result result = mailer.send(execution, leadKey(execution), step);
      execution.setVariable("nurtureStep", result.nextStep());
      execution.setVariable("nurtureDeferred", result.deferred());
      execution.setVariable("moreEmails", result.moreEmails());
    }
  }

  /**
   * "Ask the owner to confirm e-mail consent": sends the pending confirmation e-mail (at most one per address a day)
   * and tells whether consent is already confirmed: marketingConsentConfirmed, consentConfirmWithin (ISO-8601).
   */
  @Component("requestMarketingConsent")
  static class RequestMarketingConsent implements JavaDelegate {
    private final ConsentConfirmations confirmations;
    private final LeadConsentProperties properties;

    RequestMarketingConsent(ConsentConfirmations confirmations, LeadConsentProperties properties) {
      this.confirmations = confirmations;
      this.properties = properties;
    }

    @Override
    public void execute(DelegateExecution execution) {
      confirmations.sendPending(leadKey(execution));
      execution.setVariable("marketingConsentConfirmed", confirmations.isConfirmed(leadKey(execution)));
      execution.setVariable("consentConfirmWithin", properties.confirmWithin().toString());
    }
  }

  /** "Send confirmation e-mail" for a later submission that ticked e-mail consent (at most one per address a day). */
  @Component("sendConsentConfirmation")
  static class SendConsentConfirmation implements JavaDelegate {
    private final ConsentConfirmations confirmations;

    SendConsentConfirmation(ConsentConfirmations confirmations) {
      this.confirmations = confirmations;
    }

    @Override
    public void execute(DelegateExecution execution) {
      confirmations.sendPending(leadKey(execution));
    }
  }
}
