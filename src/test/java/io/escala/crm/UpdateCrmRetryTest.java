package io.escala.crm;

import io.escala.mail.CaseContacts;
import io.escala.mail.Recipient;
import io.escala.mail.RecipientDirectory;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.StandaloneInMemProcessEngineConfiguration;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * On a real (in-memory) engine: a retried updateCrm job logs its activity under the same key as the failed attempt,
 * although the engine gives the task (a scope, because of its input parameters) a new execution on every attempt.
 */
class UpdateCrmRetryTest {

  /** Records what it is asked; the first activity "reaches the CRM" and then the job fails. */
  static final class FlakyCrm implements Crm {
    final List<String> activityKeys = new ArrayList<>();
    final List<ContactData> upserts = new ArrayList<>();

    @Override
    public CrmContact upsertContact(ContactData contact) {
      upserts.add(contact);
      return new CrmContact("501", contact.email().trim().toLowerCase(), contact.stage());
    }

    @Override
    public void setLifecycleStage(String email, LifecycleStage stage) {}

    @Override
    public void logActivity(String email, String idempotencyKey, String type, String text) {
      activityKeys.add(idempotencyKey);
      if (activityKeys.size() == 1) {
        throw new CrmUnavailableException("sent, but the answer was lost");
      }
    }

    @Override
    public CrmDeal upsertDeal(DealData deal) {
      return new CrmDeal("7001", deal.dealKey(), deal.stage());
    }

    @Override
    public void deleteContact(String email) {}
  }

  private final FlakyCrm crm = new FlakyCrm();
  private final ProcessEngine engine = engine(new UpdateCrmDelegate(crm, new CaseContacts(List.of(
      new RecipientDirectory() {
        @Override
        public String processKey() {
          return "crm-retry";
        }

        @Override
        public java.util.Optional<RecipientDirectory.Contact> contactFor(String businessKey) {
          return java.util.Optional.of(new RecipientDirectory.Contact(
              new Recipient("Ana@Example.com", "Ana Souza"), java.util.Locale.forLanguageTag("es"), Map.of()));
        }
      }))));

  @AfterEach
  void closeEngine() {
    engine.close();
  }

  @Test
  void aRetriedJobUsesTheSameActivityKey() {
    BpmnModelInstance model = Bpmn.createExecutableProcess("crm-retry")
        .camundaHistoryTimeToLive(1)
        .startEvent()
        .serviceTask("MarkAsLead")
        .name("Mark as lead")
        .camundaAsyncBefore()
        .camundaDelegateExpression("${updateCrm}")
        .camundaInputParameter("stage", "LEAD")
        .camundaInputParameter("activity", "Signed up")
        .endEvent()
        .done();
    engine.getRepositoryService().createDeployment().addModelInstance("crm-retry.bpmn", model).deploy();
    ProcessInstance instance = engine.getRuntimeService().startProcessInstanceByKey("crm-retry", "case-1");
    Job job = engine.getManagementService().createJobQuery().singleResult();

    assertThatThrownBy(() -> engine.getManagementService().executeJob(job.getId()))
        .isInstanceOf(CrmUnavailableException.class);
    engine.getManagementService().executeJob(job.getId());

    assertThat(crm.activityKeys).hasSize(2);
    assertThat(crm.activityKeys.get(1))
        .isEqualTo(crm.activityKeys.get(0))
        .startsWith(instance.getId() + ":MarkAsLead:")
        .endsWith(":ana@example.com");
    assertThat(crm.upserts.get(1).source()).isEqualTo("crm-retry");
    assertThat(crm.upserts.get(1).lastName()).isEqualTo("Souza");
    assertThat(engine.getHistoryService().createHistoricVariableInstanceQuery()
            .processInstanceId(instance.getId())
            .variableName("crmContactId")
            .singleResult()
            .getValue())
        .isEqualTo("501");
  }

  private static ProcessEngine engine(UpdateCrmDelegate delegate) {
    StandaloneInMemProcessEngineConfiguration configuration = new StandaloneInMemProcessEngineConfiguration();
    configuration.setProcessEngineName("crmtest-" + UUID.randomUUID());
    configuration.setJdbcUrl("jdbc:h2:mem:crmtest-engine-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=1000");
    configuration.setDatabaseSchemaUpdate("create-drop");
    configuration.setJobExecutorActivate(false);
    configuration.setHistory("full");
    configuration.setBeans(Map.of("updateCrm", delegate));
    return configuration.buildProcessEngine();
  }
}
