package io.escala.demos;

import io.escala.demos.DemoCaseService.ReminderPlan;
import io.escala.demos.DemoFollowUpTask.FollowUp;
import io.escala.llm.Generated;
import io.escala.platform.IdempotencyKeys;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Optional;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** The steps of processes/demo-scheduling.bpmn: each reads variables, calls {@link DemoCaseService}, writes some. */
final class DemoDelegates {

  private DemoDelegates() {}

  /** Base of the delegates: the booking of the case, as it is now. */
  abstract static class DemoStep implements JavaDelegate {

    final DemoCaseService demos;

    DemoStep(DemoCaseService demos) {
      this.demos = demos;
    }

    Booking booking(DelegateExecution execution) {
      return demos.booking(execution.getProcessBusinessKey());
    }

    static String key(DelegateExecution execution, String target) {
      return IdempotencyKeys.perIteration(execution, target);
    }

    static String text(DelegateExecution execution, String name) {
      Object value = execution.getVariable(name);
      return value == null || value.toString().isBlank() ? null : value.toString().strip();
    }
  }

  /** "Load demo time and people": demoLabel, demoStartsAt, demoEndsAt, demoTime, meetingUrl, outcomeDue. */
  @Component("prepareDemo")
  static class PrepareDemo extends DemoStep {

    PrepareDemo(DemoCaseService demos) {
      super(demos);
    }

    @Override
    public void execute(DelegateExecution execution) {
      Booking booking = booking(execution);
      execution.setVariable("rep", booking.repId());
      execution.setVariable("demoLabel", DemoCaseService.label(booking));
      execution.setVariable("leadName", booking.name());
      execution.setVariable("company", booking.company());
      execution.setVariable("demoStartsAt", Date.from(booking.start()));
      execution.setVariable("demoEndsAt", Date.from(booking.end()));
      execution.setVariable("demoTime", demos.staffTime(booking));
      execution.setVariable("meetingUrl", booking.meetingUrl());
      execution.setVariable("outcomeDue", Date.from(demos.outcomeDue(booking)));
    }
  }

  @Component("sendDemoInvites")
  static class SendInvites extends DemoStep {

    SendInvites(DemoCaseService demos) {
      super(demos);
    }

    @Override
    public void execute(DelegateExecution execution) {
      demos.sendInvites(booking(execution), key(execution, "invites"));
    }
  }

  @Component("putDemoInCalendar")
  static class PutInCalendar extends DemoStep {

    PutInCalendar(DemoCaseService demos) {
      super(demos);
    }

    @Override
    public void execute(DelegateExecution execution) {
      demos.putInCalendar(booking(execution));
    }
  }

  /** Moves the lead's CRM deal: demo scheduled while booked, then by the outcome's next step. */
  @Component("moveDemoDeal")
  static class MoveDeal extends DemoStep {

    MoveDeal(DemoCaseService demos) {
      super(demos);
    }

    @Override
    public void execute(DelegateExecution execution) {
      demos.moveDeal(booking(execution), text(execution, "nextStep"));
    }
  }

  /** "Plan next reminder": reminderLeft, nextReminderAt, reminderBefore, reminderForStart. */
  @Component("planDemoReminder")
  static class PlanReminder extends DemoStep {

    PlanReminder(DemoCaseService demos) {
      super(demos);
    }

    @Override
    public void execute(DelegateExecution execution) {
      Optional<ReminderPlan> plan = demos.nextReminder(booking(execution), text(execution, "lastReminder"));
      execution.setVariable("reminderLeft", plan.isPresent());
      plan.ifPresent(next -> {
        execution.setVariable("nextReminderAt", Date.from(next.at()));
        execution.setVariable("reminderBefore", next.before().toString());
        execution.setVariable("reminderForStart", next.forStart().toString());
      });
    }
  }

  @Component("sendDemoReminder")
  static class SendReminder extends DemoStep {

    SendReminder(DemoCaseService demos) {
      super(demos);
    }

    @Override
    public void execute(DelegateExecution execution) {
      Duration before = Duration.parse(text(execution, "reminderBefore"));
      Instant forStart = Instant.parse(text(execution, "reminderForStart"));
      demos.sendReminder(booking(execution), before, forStart, key(execution, "reminder"));
      execution.setVariable("lastReminder", DemoCaseService.sentMark(before, forStart));
    }
  }

  @Component("sendDemoCancellation")
  static class SendCancellation extends DemoStep {

    SendCancellation(DemoCaseService demos) {
      super(demos);
    }

    @Override
    public void execute(DelegateExecution execution) {
      demos.sendCancellation(booking(execution), key(execution, "cancellation"));
    }
  }

  @Component("removeDemoFromCalendar")
  static class RemoveFromCalendar extends DemoStep {

    RemoveFromCalendar(DemoCaseService demos) {
      super(demos);
    }

    @Override
    public void execute(DelegateExecution execution) {
      demos.removeFromCalendar(booking(execution));
    }
  }

  /** "Save outcome": the form's outcome (attended / no-show), notes and next step to the booking and the CRM. */
  @Component("saveDemoOutcome")
  static class SaveOutcome extends DemoStep {

    SaveOutcome(DemoCaseService demos) {
      super(demos);
    }

    @Override
    public void execute(DelegateExecution execution) {
      String outcome = text(execution, "outcome");
      if (!"attended".equals(outcome) && !"no-show".equals(outcome)) {
        throw new io.escala.platform.NonRetryableException("Demo outcome must be attended or no-show, got " + outcome);
      }
      demos.saveOutcome(booking(execution), "attended".equals(outcome), text(execution, "nextStep"),
          text(execution, "demoNotes"), key(execution, "outcome"));
    }
  }

  /** "Draft follow-up e-mail (LLM)": followUpSubject, followUpBody, followUpGeneratedBy, followUpDue, sendFollowUp. */
  @Component("draftDemoFollowUp")
  static class DraftFollowUp extends DemoStep {

    private final DemoProperties properties;
    private final java.time.Clock clock;

    DraftFollowUp(DemoCaseService demos, DemoProperties properties, java.time.Clock clock) {
      super(demos);
      this.properties = properties;
      this.clock = clock;
    }

    @Override
    public void execute(DelegateExecution execution) {
      Generated<FollowUp> draft = demos.draftFollowUp(booking(execution), text(execution, "demoNotes"),
          text(execution, "nextStep"), execution.getProcessInstanceId());
      execution.setVariable("followUpSubject", draft.value().subject());
      execution.setVariable("followUpBody", draft.value().body());
      execution.setVariable("followUpGeneratedBy", demos.draftedBy(draft.generatedBy()));
      execution.setVariable("followUpDue", Date.from(clock.instant().plus(properties.followUpReviewWithin())));
      execution.setVariable("sendFollowUp", Boolean.TRUE);
    }
  }

  @Component("sendDemoFollowUp")
  static class SendFollowUp extends DemoStep {

    SendFollowUp(DemoCaseService demos) {
      super(demos);
    }

    @Override
    public void execute(DelegateExecution execution) {
      demos.sendFollowUp(booking(execution), text(execution, "followUpSubject"), text(execution, "followUpBody"),
          key(execution, "follow-up"));
    }
  }

  @Component("announceDemoCompleted")
  static class AnnounceCompleted extends DemoStep {

    AnnounceCompleted(DemoCaseService demos) {
      super(demos);
    }

    @Override
    public void execute(DelegateExecution execution) {
      demos.announceCompleted(booking(execution), text(execution, "nextStep"));
    }
  }

  /** "Plan rebooking e-mail": rebookLeft, rebookAt. */
  @Component("planRebookingEmail")
  static class PlanRebooking extends DemoStep {

    PlanRebooking(DemoCaseService demos) {
      super(demos);
    }

    @Override
    public void execute(DelegateExecution execution) {
      Optional<Instant> next = demos.nextRebooking(booking(execution), sent(execution));
      execution.setVariable("rebookLeft", next.isPresent());
      next.ifPresent(at -> execution.setVariable("rebookAt", Date.from(at)));
    }

    static int sent(DelegateExecution execution) {
      Object sent = execution.getVariable("rebookingsSent");
      return sent instanceof Number number ? number.intValue() : 0;
    }
  }

  @Component("sendRebookingEmail")
  static class SendRebooking extends DemoStep {

    SendRebooking(DemoCaseService demos) {
      super(demos);
    }

    @Override
    public void execute(DelegateExecution execution) {
      int number = PlanRebooking.sent(execution) + 1;
      demos.sendRebooking(booking(execution), number, key(execution, "rebooking"));
      execution.setVariable("rebookingsSent", number);
    }
  }
}
