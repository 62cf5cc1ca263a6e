package io.escala.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Stream;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineConfiguration;
import org.camunda.bpm.engine.repository.Deployment;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An analyst's broken change is refused at start-up with its problems by element id, and the previous version keeps
 * running; the same check runs from the command line without starting Escala.
 */
class EscalaDeploymentTest {

  private final ProcessEngine engine = ProcessEngineConfiguration.createStandaloneInMemProcessEngineConfiguration()
      .setJdbcUrl("jdbc:h2:mem:deployment-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1")
      .setJobExecutorActivate(false)
      .buildProcessEngine();
  private final Set<String> beans = DiagramValidation.componentNames();

  @AfterEach
  void close() {
    engine.close();
  }

  private static Map<String, byte[]> shipped() throws IOException {
    Map<String, byte[]> resources = new TreeMap<>();
    for (String folder : new String[] {"processes", "forms"}) {
      try (Stream<Path> files = Files.list(Path.of(folder))) {
        for (Path file : files.filter(Files::isRegularFile).toList()) {
          resources.put(folder + "/" + file.getFileName(), Files.readAllBytes(file));
        }
      }
    }
    return resources;
  }

  private static Map<String, byte[]> withBrokenLeadDiagram() throws IOException {
    Map<String, byte[]> resources = shipped();
    String diagram = new String(resources.get("processes/lead-nurturing.bpmn"), StandardCharsets.UTF_8);
    // The analyst removed the async flag of the first service task it finds.
    String broken = diagram.replaceFirst("camunda:asyncBefore=\"true\"", "");
    assertThat(broken).isNotEqualTo(diagram);
    resources.put("processes/lead-nurturing.bpmn", broken.getBytes(StandardCharsets.UTF_8));
    return resources;
  }

  @Test
  void aBrokenChangeIsRefusedAndThePreviousVersionKeepsRunning() throws IOException {
    Deployment first = EscalaDeployment.deploy(engine, shipped(), beans).orElseThrow();

    assertThat(EscalaDeployment.deploy(engine, withBrokenLeadDiagram(), beans)).isEmpty();

    assertThat(engine.getRepositoryService().createDeploymentQuery().count()).isOne();
    assertThat(engine.getRepositoryService().createProcessDefinitionQuery().processDefinitionKey("lead-nurturing")
        .latestVersion().singleResult().getDeploymentId()).isEqualTo(first.getId());
  }

  @Test
  void withNoEarlierVersionTheStartFailsNamingTheElement() {
    assertThatThrownBy(() -> EscalaDeployment.deploy(engine, withBrokenLeadDiagram(), beans))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("processes/lead-nurturing.bpmn: ")
        .hasMessageContaining("need camunda:asyncBefore=\"true\"")
        .hasMessageContaining("java -jar escala.jar validate processes/");
  }

  @Test
  void anUnparseableDiagramIsRefusedToo() throws IOException {
    EscalaDeployment.deploy(engine, shipped(), beans).orElseThrow();
    Map<String, byte[]> resources = shipped();
    resources.put("processes/lead-nurturing.bpmn", "<not-bpmn/>".getBytes(StandardCharsets.UTF_8));
    assertThat(EscalaDeployment.deploy(engine, resources, beans)).isEmpty();
    assertThat(engine.getRepositoryService().createDeploymentQuery().count()).isOne();
  }

  @Test
  void theCommandLineCheckPrintsProblemsByElementAndFails(@TempDir Path dir) throws IOException {
    Path processes = Files.createDirectory(dir.resolve("processes"));
    Path forms = Files.createDirectory(dir.resolve("forms"));
    for (Map.Entry<String, byte[]> resource : withBrokenLeadDiagram().entrySet()) {
      Path target = resource.getKey().startsWith("forms/") ? forms : processes;
      Files.write(target.resolve(Path.of(resource.getKey()).getFileName()), resource.getValue());
    }
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    int exit = DiagramValidation.run(processes, new PrintStream(printed, true, StandardCharsets.UTF_8));
    String output = printed.toString(StandardCharsets.UTF_8);
    assertThat(exit).isEqualTo(1);
    assertThat(output).contains("FAIL  " + processes.resolve("lead-nurturing.bpmn"))
        .contains("OK    " + processes.resolve("customer-onboarding.bpmn"))
        .contains("need camunda:asyncBefore=\"true\"");

    ByteArrayOutputStream clean = new ByteArrayOutputStream();
    assertThat(DiagramValidation.run(Path.of("processes"), new PrintStream(clean, true, StandardCharsets.UTF_8)))
        .as(clean.toString(StandardCharsets.UTF_8)).isZero();
  }
}
