package io.escala.platform;

import java.util.List;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParseListener;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Lets a case pick up the messages sent to it before it was ready ({@link CaseMessages}): every element that makes
 * a case wait for a message (message catch events, receive tasks, event-based gateways, the hosts of message
 * boundary events, the scopes of message event sub-processes) gets a start listener that, once the engine has
 * committed the wait, delivers the case's pending messages. No diagram has to model it.
 */
@Component
public class CaseMessageArrival extends AbstractProcessEnginePlugin {

  private final ObjectProvider<CaseMessages> caseMessages;

  public CaseMessageArrival(ObjectProvider<CaseMessages> caseMessages) {
    this.caseMessages = caseMessages;
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    List<BpmnParseListener> listeners = configuration.getCustomPostBPMNParseListeners();
    if (listeners == null) {
      listeners = new java.util.ArrayList<>();
      configuration.setCustomPostBPMNParseListeners(listeners);
    }
    listeners.add(new ParseListener());
  }

  private void startedWaiting(org.camunda.bpm.engine.delegate.DelegateExecution execution) {
    caseMessages.getObject().caseStartedWaiting(execution.getProcessBusinessKey());
  }

  private final class ParseListener extends AbstractBpmnParseListener {

    @Override
    public void parseIntermediateMessageCatchEventDefinition(Element definition, ActivityImpl activity) {
      listenOn(activity);
    }

    @Override
    public void parseReceiveTask(Element element, ScopeImpl scope, ActivityImpl activity) {
      listenOn(activity);
    }

    @Override
    public void parseEventBasedGateway(Element element, ScopeImpl scope, ActivityImpl activity) {
      listenOn(activity);
    }

    @Override
    public void parseBoundaryMessageEventDefinition(Element definition, boolean interrupting,
        ActivityImpl messageActivity) {
      listenOn(messageActivity.getEventScope());
    }

    @Override
    public void parseStartEvent(Element element, ScopeImpl scope, ActivityImpl startEvent) {
      boolean messageStart = element.element("messageEventDefinition") != null;
      // A message start event of an event sub-process subscribes when the sub-process's parent scope starts.
      if (messageStart && scope instanceof ActivityImpl subProcess && subProcess.isTriggeredByEvent()) {
        listenOn(subProcess.getFlowScope());
      }
    }

    private void listenOn(ScopeImpl scope) {
      if (scope != null) {
        scope.addListener(ExecutionListener.EVENTNAME_START, (ExecutionListener) CaseMessageArrival.this::startedWaiting);
      }
    }
  }
}
