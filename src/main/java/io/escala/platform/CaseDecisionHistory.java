package io.escala.platform;

import org.camunda.bpm.dmn.engine.delegate.DmnDecisionEvaluationEvent;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.context.BpmnExecutionContext;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.history.event.HistoryEvent;
import org.camunda.bpm.engine.impl.history.producer.DefaultDmnHistoryEventProducer;
import org.springframework.stereotype.Component;

/**
 * A decision a delegate evaluates through the {@code DecisionService} (e.g. a scoring service evaluates its DMN
 * tables from Java) is recorded as part of the case it was evaluated for, as a business rule task's would be: Cockpit shows
 * it with the case, history cleanup removes it with the case, and erasing the case erases its inputs and outputs.
 * Without this the engine records such an evaluation with no case, and the person's data in its inputs would
 * outlive an erasure.
 */
@Component
public class CaseDecisionHistory extends AbstractProcessEnginePlugin {

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    configuration.setDmnHistoryEventProducer(new AttributedToCase());
  }

  static final class AttributedToCase extends DefaultDmnHistoryEventProducer {
    @Override
    public HistoryEvent createDecisionEvaluatedEvt(DmnDecisionEvaluationEvent evaluationEvent) {
      BpmnExecutionContext context = Context.getBpmnExecutionContext();
      if (context != null && context.getExecution() != null) {
        return super.createDecisionEvaluatedEvt(context.getExecution(), evaluationEvent);
      }
      return super.createDecisionEvaluatedEvt(evaluationEvent);
    }
  }
}
