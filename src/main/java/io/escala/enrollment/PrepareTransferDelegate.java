package io.escala.enrollment;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Before "Confirm transfer": the read-only fields of the {@code course-confirm-transfer-*} form (learner's name,
 * course, cohort start, amount with currency, the reference to look for) and {@code transferLabel}, the task's name.
 * No e-mail address, no link.
 */
@Component("prepareTransferTask")
class PrepareTransferDelegate implements JavaDelegate {

  private final CoursePayments payments;

  PrepareTransferDelegate(CoursePayments payments) {
    this.payments = payments;
  }

  @Override
  public void execute(DelegateExecution execution) {
    CoursePayments.TransferDetails details =
        payments.transferDetails((String) execution.getVariable("enrollmentKey"));
    execution.setVariable("transferLearner", details.learnerName());
    execution.setVariable("transferCourse", details.courseTitle());
    execution.setVariable("transferCohortStart", details.cohortStart());
    execution.setVariable("transferAmount", details.amount());
    execution.setVariable("transferCode", details.reference());
    execution.setVariable("transferLabel", details.label());
  }
}
