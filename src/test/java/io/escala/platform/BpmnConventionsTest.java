package io.escala.platform;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
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
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.type.filter.AnnotationTypeFilter;
import org.springframework.stereotype.Component;

/**
 * The diagram conventions of CONVENTIONS.md §4, checked on every file in processes/, so an analyst's change that
 * would not open cleanly in Camunda Modeler or would break at run time fails here with a clear message.
 */
class BpmnConventionsTest {

  private static final Path PROCESSES = Path.of("processes");
  private static final Path FORMS = Path.of("forms");
  private static final Pattern EXPRESSION = Pattern.compile("^\\$\\{\\s*([A-Za-z_][A-Za-z0-9_]*)\\s*}$");
  private static final String MODELER_NS = "http://camunda.org/schema/modeler/1.0";

  @TestFactory
  Stream<DynamicTest> everyDiagramFollowsTheConventions() throws IOException {
    List<Path> diagrams;
    try (Stream<Path> files = Files.list(PROCESSES)) {
      diagrams = files.filter(p -> p.toString().endsWith(".bpmn")).sorted().toList();
    }
    assertThat(diagrams).isNotEmpty();
    Set<String> beans = componentNames();
    Set<String> forms = formIds();
    return diagrams.stream().map(path -> DynamicTest.dynamicTest(path.getFileName().toString(),
        () -> assertThat(problems(path, beans, forms)).as(path.toString()).isEmpty()));
  }

  @org.junit.jupiter.api.Test
  void aDiagramBreakingTheConventionsIsReportedElementByElement(@org.junit.jupiter.api.io.TempDir Path dir)
      throws IOException {
    Path file = dir.resolve("misnamed.bpmn");
    Files.writeString(file, """
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
            xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="d" targetNamespace="https://escala.io/bpmn">
          <bpmn:process id="broken" isExecutable="true">
            <bpmn:startEvent id="Start" />
            <bpmn:serviceTask id="CallSomething" name="Call something" camunda:delegateExpression="${noSuchBean}" />
            <bpmn:userTask id="Decide" name="Decide" camunda:formRef="no-such-form" camunda:formRefBinding="deployment" />
            <bpmn:endEvent id="End" name="Done" />
            <bpmn:sequenceFlow id="f1" sourceRef="Start" targetRef="CallSomething" />
            <bpmn:sequenceFlow id="f2" sourceRef="CallSomething" targetRef="Decide" />
            <bpmn:sequenceFlow id="f3" sourceRef="Decide" targetRef="End" />
          </bpmn:process>
        </bpmn:definitions>
        """);

    assertThat(problems(file, componentNames(), formIds())).contains(
        "definitions need modeler:executionPlatform=\"Camunda Platform\" and executionPlatformVersion=\"7.24.0\"",
        "process id broken must equal the file name misnamed",
        "broken: camunda:historyTimeToLive is missing",
        "Start: needs a label (name)",
        "Start: has no shape in the diagram (DI)",
        "CallSomething: no @Component(\"noSuchBean\") in io.escala",
        "CallSomething: service and send tasks need camunda:asyncBefore=\"true\" (or a camunda:property"
            + " synchronous-because explaining why not)",
        "Decide: needs camunda:candidateGroups",
        "Decide: needs a camunda:dueDate",
        "Decide: form 'no-such-form' is not in forms/");
  }

  static List<String> problems(Path path, Set<String> beans, Set<String> forms) {
    List<String> problems = new ArrayList<>();
    BpmnModelInstance model = Bpmn.readModelFromFile(path.toFile());
    Bpmn.validateModel(model);
    var definitions = model.getDefinitions().getDomElement();
    if (!"Camunda Platform".equals(definitions.getAttribute(MODELER_NS, "executionPlatform"))
        || !"7.24.0".equals(definitions.getAttribute(MODELER_NS, "executionPlatformVersion"))) {
      problems.add("definitions need modeler:executionPlatform=\"Camunda Platform\" and executionPlatformVersion=\"7.24.0\"");
    }
    Collection<Process> processes = model.getModelElementsByType(Process.class);
    if (processes.size() != 1) {
      problems.add("one process per file, found " + processes.size());
    }
    String fileId = path.getFileName().toString().replaceFirst("\\.bpmn$", "");
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
      String delegate = task.getAttributeValueNs("http://camunda.org/schema/1.0/bpmn", "delegateExpression");
      checkBean(task.getId(), delegate, beans, problems);
      boolean async = "true".equals(task.getAttributeValueNs("http://camunda.org/schema/1.0/bpmn", "asyncBefore"));
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
      String formRef = task.getAttributeValueNs("http://camunda.org/schema/1.0/bpmn", "formRef");
      String binding = task.getAttributeValueNs("http://camunda.org/schema/1.0/bpmn", "formRefBinding");
      if (formRef == null || !"deployment".equals(binding)) {
        problems.add(task.getId() + ": needs camunda:formRef with camunda:formRefBinding=\"deployment\"");
      } else if (!forms.contains(formRef)) {
        problems.add(task.getId() + ": form '" + formRef + "' is not in forms/");
      }
    }
    for (TimerEventDefinition timer : model.getModelElementsByType(TimerEventDefinition.class)) {
      ModelElementInstance value = timer.getTimeDuration() != null ? timer.getTimeDuration()
          : timer.getTimeCycle() != null ? timer.getTimeCycle() : timer.getTimeDate();
      if (value == null || !value.getTextContent().trim().startsWith("${")) {
        problems.add(((BaseElement) timer.getParentElement()).getId()
            + ": timers read their time from a variable or bean (${...}), so tests and demos can shorten them");
      }
    }
    for (Message message : model.getModelElementsByType(Message.class)) {
      if (message.getName() == null || !message.getName().matches("[A-Z][A-Za-z]*[a-z]+(ed|Sent|Done)$")) {
        problems.add(message.getId() + ": message names are PascalCase noun + past participle, got " + message.getName());
      }
    }
    for (CamundaExecutionListener listener : model.getModelElementsByType(CamundaExecutionListener.class)) {
      checkBean("execution listener", listener.getCamundaDelegateExpression(), beans, problems);
    }
    for (CamundaTaskListener listener : model.getModelElementsByType(CamundaTaskListener.class)) {
      checkBean("task listener", listener.getCamundaDelegateExpression(), beans, problems);
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

  private static void checkBean(String where, String expression, Set<String> beans, List<String> problems) {
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

  /** Names of Escala's Spring components, as delegate expressions refer to them. */
  static Set<String> componentNames() {
    ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(false);
    scanner.addIncludeFilter(new AnnotationTypeFilter(Component.class));
    Set<String> names = new HashSet<>();
    scanner.findCandidateComponents("io.escala").forEach(definition -> {
      try {
        Class<?> type = Class.forName(definition.getBeanClassName());
        Component component = type.getAnnotation(Component.class);
        if (component != null && !component.value().isEmpty()) {
          names.add(component.value());
        }
      } catch (ClassNotFoundException e) {
        throw new IllegalStateException(e);
      }
    });
    return names;
  }

  static Set<String> formIds() throws IOException {
    ObjectMapper json = new ObjectMapper();
    Set<String> ids = new HashSet<>();
    File[] files = FORMS.toFile().listFiles((dir, name) -> name.endsWith(".form"));
    if (files != null) {
      for (File file : files) {
        JsonNode form = json.readTree(file);
        ids.add(form.path("id").asText());
        assertThat(form.path("executionPlatform").asText()).as(file + " executionPlatform").isEqualTo("Camunda Platform");
        assertThat(file.getName()).as("form file name = form id").isEqualTo(form.path("id").asText() + ".form");
      }
    }
    return ids;
  }
}
