package io.escala.mail;

import io.escala.mail.RecipientDirectory.Contact;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;

/**
 * The contact of the case a step runs for, from the {@link RecipientDirectory} of its process: the one way a generic
 * step (send an e-mail, update the CRM) learns whom the case is about, never from a process variable.
 */
@Component
public class CaseContacts {

  private final Map<String, RecipientDirectory> directories;

  public CaseContacts(List<RecipientDirectory> directories) {
    this.directories = directories.stream().collect(Collectors.toUnmodifiableMap(RecipientDirectory::processKey,
        directory -> directory));
  }

  /** @throws IllegalStateException naming the step, when the flow has no directory or the case no contact */
  public Contact of(DelegateExecution execution, String step) {
    String processKey = execution.getProcessEngineServices().getRepositoryService()
        .getProcessDefinition(execution.getProcessDefinitionId()).getKey();
    RecipientDirectory directory = directories.get(processKey);
    if (directory == null) {
      throw new IllegalStateException(step + " at activity '" + execution.getCurrentActivityId()
          + "': no RecipientDirectory for process '" + processKey + "' (the flow must provide one)");
    }
    String businessKey = execution.getProcessBusinessKey();
    return directory.contactFor(businessKey).orElseThrow(() -> new IllegalStateException(
        step + " at activity '" + execution.getCurrentActivityId() + "': no contact for case '" + businessKey
            + "' of process '" + processKey + "'"));
  }
}
