package io.escala.onboarding;

import io.escala.crm.Crm;
import io.escala.mail.MailOutbox;
import java.util.List;
import java.util.Optional;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The right to erasure for a customer who signed up: the onboarding case (running and history), the signup with its
 * consent and steps, the e-mails and the CRM contact.
 */
@Service
public class SignupErasure {

  private static final Logger log = LoggerFactory.getLogger(SignupErasure.class);

  private final SignupRepository signups;
  private final RuntimeService runtimeService;
  private final HistoryService historyService;
  private final MailOutbox mailOutbox;
  private final Crm crm;

  public SignupErasure(SignupRepository signups, RuntimeService runtimeService, HistoryService historyService,
      MailOutbox mailOutbox, Crm crm) {
    this.signups = signups;
    this.runtimeService = runtimeService;
    this.historyService = historyService;
    this.mailOutbox = mailOutbox;
    this.crm = crm;
  }

  /** @return false when no signup exists for this address */
  @Transactional
  public boolean erase(String email) {
    Optional<Signup> signup = signups.findByEmail(Signup.normalizeEmail(email));
    if (signup.isEmpty()) {
      return false;
    }
    String businessKey = signup.get().id();
    for (ProcessInstance running : runtimeService.createProcessInstanceQuery()
        .processDefinitionKey(OnboardingProcess.KEY).processInstanceBusinessKey(businessKey).list()) {
      runtimeService.deleteProcessInstance(running.getId(), "erased on request", true, true);
    }
    List<String> history = historyService.createHistoricProcessInstanceQuery()
        .processDefinitionKey(OnboardingProcess.KEY).processInstanceBusinessKey(businessKey).list().stream()
        .map(HistoricProcessInstance::getId).toList();
    if (!history.isEmpty()) {
      historyService.deleteHistoricProcessInstancesIfExists(history);
    }
    mailOutbox.eraseRecipient(signup.get().email());
    crm.deleteContact(signup.get().email());
    signups.delete(businessKey);
    log.info("Customer signup erased on request");
    return true;
  }
}
