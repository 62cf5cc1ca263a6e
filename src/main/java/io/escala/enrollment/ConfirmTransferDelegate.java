package io.escala.enrollment;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * After "Confirm transfer": staff said whether the transfer arrived ({@code transferReceived} yes/no) and with which
 * bank reference ({@code transferReference}). Sets {@code transferConfirmed} for the gateway after it.
 */
@Component("confirmCourseTransfer")
class ConfirmTransferDelegate implements JavaDelegate {

  private final CoursePayments payments;

  ConfirmTransferDelegate(CoursePayments payments) {
    this.payments = payments;
  }

  @Override
  public void execute(DelegateExecution execution) {
    Object answer = execution.getVariable("transferReceived");
    boolean received = Boolean.TRUE.equals(answer) || "yes".equals(answer) || "true".equals(answer);
    Object reference = execution.getVariable("transferReference");
    boolean confirmed = payments.confirmTransfer((String) execution.getVariable("enrollmentKey"), received,
        reference == null ? null : reference.toString());
    execution.setVariable("transferConfirmed", confirmed);
  }
}
