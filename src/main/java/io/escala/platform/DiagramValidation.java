package io.escala.platform;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.type.filter.AnnotationTypeFilter;
import org.springframework.stereotype.Component;

/**
 * {@code java -jar escala.jar validate processes/} (or {@code ./mvnw -q spring-boot:run
 * -Dspring-boot.run.arguments="validate processes"}): checks every diagram of a folder against
 * {@link DiagramConventions} without starting Escala, prints the problems by element id and exits 1 when there are
 * any. Forms are read from the {@code forms/} folder beside it; delegate names from Escala's components.
 */
public final class DiagramValidation {

  private DiagramValidation() {}

  /** @return the process exit code: 0 when every diagram follows the conventions */
  public static int run(Path folder, PrintStream out) {
    if (!Files.isDirectory(folder)) {
      out.println("Not a folder: " + folder.toAbsolutePath());
      return 2;
    }
    DiagramConventions conventions = new DiagramConventions(componentNames(),
        formIds(folder.toAbsolutePath().getParent().resolve("forms")));
    int problems = 0;
    List<Path> diagrams = list(folder, ".bpmn");
    for (Path diagram : diagrams) {
      try (InputStream in = Files.newInputStream(diagram)) {
        List<String> found = conventions.problems(diagram.getFileName().toString(), in);
        out.println((found.isEmpty() ? "OK    " : "FAIL  ") + diagram);
        found.forEach(problem -> out.println("      " + problem));
        problems += found.size();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    out.println(diagrams.size() + " diagram(s), " + problems + " problem(s)");
    return problems == 0 ? 0 : 1;
  }

  /** Names of Escala's Spring components, as delegate expressions refer to them. */
  public static Set<String> componentNames() {
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

  /** Ids of the Camunda Forms in a folder. */
  public static Set<String> formIds(Path folder) {
    ObjectMapper json = new ObjectMapper();
    Set<String> ids = new HashSet<>();
    for (Path file : list(folder, ".form")) {
      try {
        JsonNode form = json.readTree(file.toFile());
        ids.add(form.path("id").asText());
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot read " + file, e);
      }
    }
    return ids;
  }

  private static List<Path> list(Path folder, String suffix) {
    if (!Files.isDirectory(folder)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(folder)) {
      return files.filter(path -> path.toString().endsWith(suffix)).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
