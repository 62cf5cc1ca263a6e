package io.escala.platform;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
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
            <bpmn:serviceTask id="Mail" name="Mail" camunda:asyncBefore="true" camunda:delegateExpression="${sendEmail}" />
            <bpmn:userTask id="Decide" name="Decide" camunda:formRef="no-such-form" camunda:formRefBinding="deployment" />
            <bpmn:endEvent id="End" name="Done" />
            <bpmn:sequenceFlow id="f1" sourceRef="Start" targetRef="CallSomething" />
            <bpmn:sequenceFlow id="f2" sourceRef="CallSomething" targetRef="Mail" />
            <bpmn:sequenceFlow id="f2b" sourceRef="Mail" targetRef="Decide" />
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
        "Decide: form 'no-such-form' is not in forms/",
        "Mail: the generic step sendEmail uses the element template io.escala.sendEmail (camunda:modelerTemplate),"
            + " so analysts configure it in the Modeler");
  }

  static List<String> problems(Path path, Set<String> beans, Set<String> forms) throws IOException {
    try (var in = Files.newInputStream(path)) {
      return new DiagramConventions(beans, forms).problems(path.getFileName().toString(), in);
    }
  }

  static Set<String> componentNames() {
    return DiagramValidation.componentNames();
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
