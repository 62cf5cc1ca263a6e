package io.escala.platform;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.BaseElement;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.Message;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.bpmn.instance.ScriptTask;
import org.camunda.bpm.model.bpmn.instance.SendTask;
import org.camunda.bpm.model.bpmn.instance.SequenceFlow;
import org.camunda.bpm.model.bpmn.instance.ServiceTask;
import org.camunda.bpm.model.bpmn.instance.TimerEventDefinition;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaExecutionListener;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaFailedJobRetryTimeCycle;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperty;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaScript;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaTaskListener;
import org.camunda.bpm.model.xml.instance.ModelElementInstance;

/**
 * The diagram conventions of CONVENTIONS.md §4: what makes a diagram open cleanly in Camunda Modeler and run as
 * Escala expects. Used by the start-up deployment (a diagram with problems is refused and the previous version
 * keeps running), by {@code java -jar escala.jar validate processes/}, and by the tests.
 */
public final class DiagramConventions {

  private static final Pattern EXPRESSION = Pattern.compile("^\\$\\{\\s*([A-Za-z_][A-Za-z0-9_]*)\\s*}$");
  private static final String MODELER_NS = "http://camunda.org/schema/modeler/1.0";
  private static final String CAMUNDA_NS = "http://camunda.org/schema/1.0/bpmn";

  /** The generic delegates and the Modeler element template each is configured with. */
  public static final Map<String, String> GENERIC_STEPS = Map.of(
      "sendEmail", "io.escala.sendEmail",
      "updateCrm", "io.escala.updateCrm");

  /** {@code lead-qualify-${salesTeam.formLanguage}}: the form of the team's language. */
  private static final Pattern FORM_PER_LANGUAGE = Pattern.compile("^([a-z0-9-]+-)\\$\\{[^}]+}$");
  private static final List<String> STAFF_LANGUAGES = List.of("es", "pt-BR", "en");

  private final Set<String> beans;
  private final Set<String> forms;

  /**
   * @param beans names of the Spring beans delegate expressions may refer to
   * @param forms ids of the Camunda Forms deployed with the diagrams
   */
  public DiagramConventions(Set<String> beans, Set<String> forms) {
    this.beans = Set.copyOf(beans);
    this.forms = Set.copyOf(forms);
  }

  /**
   * The problems of one diagram, each starting with the element id; empty when it follows the conventions.
   *
   * @param fileName the resource's file name ({@code some-flow.bpmn}): the process id must equal it
   */
  public List<String> problems(String fileName, InputStream diagram) {
    List<String> problems = new ArrayList<>();
    BpmnModelInstance model;
    try {
      model = Bpmn.readModelFromStream(diagram);
      Bpmn.validateModel(model);
    } catch (RuntimeException unreadable) {
      return List.of(fileName + ": not a valid BPMN 2.0 file: " + rootMessage(unreadable));
    }
    var definitions = model.getDefinitions().getDomElement();
    if (!"Camunda Platform".equals(definitions.getAttribute(MODELER_NS, "executionPlatform"))
        || !"7.24.0".equals(definitions.getAttribute(MODELER_NS, "executionPlatformVersion"))) {
      problems.add("definitions need modeler:executionPlatform=\"Camunda Platform\" and executionPlatformVersion=\"7.24.0\"");
    }
    Collection<Process> processes = model.getModelElementsByType(Process.class);
    if (processes.size() != 1) {
      problems.add("one process per file, found " + processes.size());
    }
    String fileId = fileName.replaceFirst("^.*/", "").replaceFirst("\\.bpmn$", "");
    for (Process process : processes) {
      if (!process.getId().equals(fileId)) {
        problems.add("process id " + process.getId() + " must equal the file name " + fileId);
      }
      if (!process.isExecutable()) {
        problems.add(process.getId() + ": isExecutable must be true");
      }
      if (process.getCamundaHistoryTimeToLiveString() == null) {
        problems.add(process.getId() + ": camunda:historyTimeToLive is missing");
      }
    }
    for (FlowNode node : model.getModelElementsByType(FlowNode.class)) {
      if (node.getName() == null || node.getName().isBlank()) {
        problems.add(node.getId() + ": needs a label (name)");
      }
      if (node.getDiagramElement() == null) {
        problems.add(node.getId() + ": has no shape in the diagram (DI)");
      }
    }
    for (SequenceFlow flow : model.getModelElementsByType(SequenceFlow.class)) {
      if (flow.getDiagramElement() == null) {
        problems.add(flow.getId() + ": has no edge in the diagram (DI)");
      }
      if (flow.getConditionExpression() != null && flow.getConditionExpression().getLanguage() != null) {
        problems.add(flow.getId() + ": script conditions are not allowed");
      }
    }
    if (!model.getModelElementsByType(ScriptTask.class).isEmpty()
        || !model.getModelElementsByType(CamundaScript.class).isEmpty()) {
      problems.add("script tasks and inline scripts are not allowed: logic belongs in tested Java");
    }
    List<BaseElement> asyncTasks = new ArrayList<>(model.getModelElementsByType(ServiceTask.class));
    asyncTasks.addAll(model.getModelElementsByType(SendTask.class));
    for (BaseElement task : asyncTasks) {
      String delegate = task.getAttributeValueNs(CAMUNDA_NS, "delegateExpression");
      checkBean(task.getId(), delegate, problems);
      checkTemplate(task, delegate, problems);
      boolean async = "true".equals(task.getAttributeValueNs(CAMUNDA_NS, "asyncBefore"));
      if (!async && property(task, "synchronous-because") == null) {
        problems.add(task.getId() + ": service and send tasks need camunda:asyncBefore=\"true\" (or a"
            + " camunda:property synchronous-because explaining why not)");
      }
      if (async && task.getChildElementsByType(org.camunda.bpm.model.bpmn.instance.ExtensionElements.class).stream()
          .flatMap(e -> e.getChildElementsByType(CamundaFailedJobRetryTimeCycle.class).stream()).findAny().isEmpty()) {
        problems.add(task.getId() + ": needs camunda:failedJobRetryTimeCycle (e.g. R3/PT1M)");
      }
    }
    for (UserTask task : model.getModelElementsByType(UserTask.class)) {
      if (task.getCamundaCandidateGroups() == null || task.getCamundaCandidateGroups().isBlank()) {
        problems.add(task.getId() + ": needs camunda:candidateGroups");
      }
      if (task.getCamundaDueDate() == null) {
        problems.add(task.getId() + ": needs a camunda:dueDate");
      }
      String formRef = task.getAttributeValueNs(CAMUNDA_NS, "formRef");
      String binding = task.getAttributeValueNs(CAMUNDA_NS, "formRefBinding");
      if (formRef == null || !"deployment".equals(binding)) {
        problems.add(task.getId() + ": needs camunda:formRef with camunda:formRefBinding=\"deployment\"");
      } else {
        Matcher perLanguage = FORM_PER_LANGUAGE.matcher(formRef);
        if (perLanguage.matches()) {
          // One form per staff language, picked by the team's setting: each language needs its form.
          for (String language : STAFF_LANGUAGES) {
            if (!forms.contains(perLanguage.group(1) + language)) {
              problems.add(task.getId() + ": form '" + perLanguage.group(1) + language + "' is not in forms/");
            }
          }
        } else if (!forms.contains(formRef)) {
          problems.add(task.getId() + ": form '" + formRef + "' is not in forms/");
        }
      }
    }
    for (TimerEventDefinition timer : model.getModelElementsByType(TimerEventDefinition.class)) {
      ModelElementInstance value = timer.getTimeDuration() != null ? timer.getTimeDuration()
          : timer.getTimeCycle() != null ? timer.getTimeCycle() : timer.getTimeDate();
      if (value == null || !value.getTextContent().trim().startsWith("${")) {
        problems.add(((BaseElement) timer.getParentElement()).getId()
            + ": timers read their time from a variable or bean (${...}), so tests and trials can shorten them");
      }
    }
    for (Message message : model.getModelElementsByType(Message.class)) {
      if (message.getName() == null || !message.getName().matches("[A-Z][A-Za-z]*[a-z]+(ed|Sent|Done)$")) {
        problems.add(message.getId() + ": message names are PascalCase noun + past participle, got " + message.getName());
      }
    }
    for (CamundaExecutionListener listener : model.getModelElementsByType(CamundaExecutionListener.class)) {
      checkBean("execution listener", listener.getCamundaDelegateExpression(), problems);
    }
    for (CamundaTaskListener listener : model.getModelElementsByType(CamundaTaskListener.class)) {
      checkBean("task listener", listener.getCamundaDelegateExpression(), problems);
    }
    return problems;
  }

  private static String property(BaseElement element, String name) {
    if (element.getExtensionElements() == null) {
      return null;
    }
    return element.getExtensionElements().getElementsQuery().filterByType(
            org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperties.class).list().stream()
        .flatMap(properties -> properties.getCamundaProperties().stream())
        .filter(property -> name.equals(property.getCamundaName()))
        .map(CamundaProperty::getCamundaValue)
        .findFirst().orElse(null);
  }

  private void checkBean(String where, String expression, List<String> problems) {
    if (expression == null) {
      return;
    }
    Matcher matcher = EXPRESSION.matcher(expression);
    if (!matcher.matches()) {
      problems.add(where + ": delegateExpression must be ${beanName}, got " + expression);
    } else if (!beans.contains(matcher.group(1))) {
      problems.add(where + ": no @Component(\"" + matcher.group(1) + "\") in io.escala");
    }
  }

  /** A generic step is configured through its element template, so the Modeler shows its fields. */
  private static void checkTemplate(BaseElement task, String delegate, List<String> problems) {
    if (delegate == null) {
      return;
    }
    Matcher matcher = EXPRESSION.matcher(delegate);
    if (!matcher.matches() || !GENERIC_STEPS.containsKey(matcher.group(1))) {
      return;
    }
    String expected = GENERIC_STEPS.get(matcher.group(1));
    if (!expected.equals(task.getAttributeValueNs(CAMUNDA_NS, "modelerTemplate"))) {
      problems.add(task.getId() + ": the generic step " + matcher.group(1) + " uses the element template "
          + expected + " (camunda:modelerTemplate), so analysts configure it in the Modeler");
    }
  }

  private static String rootMessage(Throwable error) {
    Throwable root = error;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root.getMessage() == null ? root.toString() : root.getMessage();
  }
}
