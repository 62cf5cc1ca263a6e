package io.escala.platform;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.camunda.bpm.engine.ProcessEngineException;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.BeanFactoryAware;
import org.springframework.beans.factory.ListableBeanFactory;
import java.util.TreeMap;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.repository.Deployment;
import org.camunda.bpm.engine.repository.DeploymentBuilder;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.stereotype.Component;

/**
 * Deploys {@code processes/} (BPMN, DMN) and {@code forms/} (Camunda Forms) as one deployment named {@code escala}.
 *
 * <p>One deployment, because {@code camunda:formRefBinding="deployment"} only finds forms deployed together with the
 * diagram. Duplicate filtering compares the whole set with the last {@code escala} deployment: an unchanged restart
 * deploys nothing, and any change redeploys everything, so forms and diagrams never drift apart (filtering only
 * changed resources would deploy a diagram without its forms). Resource names are the paths relative to the two
 * folders, identical in the IDE, with {@code spring-boot:run} and inside the jar.
 */
@Component
public class EscalaDeployment extends AbstractProcessEnginePlugin implements BeanFactoryAware {

  public static final String DEPLOYMENT_NAME = "escala";
  private static final Logger log = LoggerFactory.getLogger(EscalaDeployment.class);
  private static final String[] PATTERNS = {
    "classpath*:processes/**/*.bpmn", "classpath*:processes/**/*.dmn", "classpath*:forms/**/*.form"
  };

  private Set<String> beanNames = Set.of();

  @Override
  public void setBeanFactory(BeanFactory beanFactory) {
    if (beanFactory instanceof ListableBeanFactory listable) {
      beanNames = Set.of(listable.getBeanDefinitionNames());
    }
  }

  @Override
  public void postProcessEngineBuild(ProcessEngine processEngine) {
    Map<String, byte[]> resources = new TreeMap<>();
    findResources().forEach((name, resource) -> {
      try (InputStream in = resource.getInputStream()) {
        resources.put(name, in.readAllBytes());
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot read " + name, e);
      }
    });
    deploy(processEngine, resources, beanNames);
  }

  /**
   * Deploys the set unless a diagram breaks the conventions or does not parse: then the set is refused, every problem
   * is logged by element id, and the previous {@code escala} deployment keeps running. With no previous deployment
   * there is nothing to run, and the start fails with the problems.
   *
   * @return the new deployment, or empty when refused
   */
  static Optional<Deployment> deploy(ProcessEngine engine, Map<String, byte[]> resources, Set<String> beans) {
    DiagramConventions conventions = new DiagramConventions(beans, formIds(resources));
    List<String> problems = new ArrayList<>();
    resources.forEach((name, content) -> {
      if (name.endsWith(".bpmn")) {
        conventions.problems(name, new ByteArrayInputStream(content))
            .forEach(problem -> problems.add(name + ": " + problem));
      }
    });
    if (problems.isEmpty()) {
      DeploymentBuilder builder = engine.getRepositoryService()
          .createDeployment()
          .name(DEPLOYMENT_NAME)
          .source("escala")
          .enableDuplicateFiltering(false);
      resources.forEach((name, content) -> builder.addInputStream(name, new ByteArrayInputStream(content)));
      try {
        Deployment deployment = builder.deployWithResult();
        log.info("Deployment '{}' ({} resources: {}) -> {}", DEPLOYMENT_NAME, resources.size(), resources.keySet(),
            deployment.getId());
        return Optional.of(deployment);
      } catch (ProcessEngineException unparseable) {
        problems.add(unparseable.getMessage());
      }
    }
    Deployment previous = engine.getRepositoryService().createDeploymentQuery().deploymentName(DEPLOYMENT_NAME)
        .orderByDeploymentTime().desc().listPage(0, 1).stream().findFirst().orElse(null);
    String list = String.join("\n  ", problems);
    if (previous == null) {
      throw new IllegalStateException("The diagrams in processes/ cannot be deployed and no earlier version exists."
          + " Fix these problems (check with: java -jar escala.jar validate processes/):\n  " + list);
    }
    log.error("The changed diagrams were NOT deployed; the previous version (deployment {} of {}) keeps running."
        + " Fix these problems and restart (check with: java -jar escala.jar validate processes/):\n  {}",
        previous.getId(), previous.getDeploymentTime(), list);
    return Optional.empty();
  }

  private static Set<String> formIds(Map<String, byte[]> resources) {
    ObjectMapper json = new ObjectMapper();
    Set<String> ids = new HashSet<>();
    resources.forEach((name, content) -> {
      if (name.endsWith(".form")) {
        try {
          ids.add(json.readTree(content).path("id").asText());
        } catch (IOException unreadable) {
          // Camunda refuses the deployment with its own message
        }
      }
    });
    return ids;
  }

  static Map<String, Resource> findResources() {
    PathMatchingResourcePatternResolver resolver = new PathMatchingResourcePatternResolver();
    Map<String, Resource> byName = new TreeMap<>();
    try {
      for (String pattern : PATTERNS) {
        for (Resource resource : resolver.getResources(pattern)) {
          byName.put(relativeName(resource), resource);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot scan processes/ and forms/", e);
    }
    return byName;
  }

  /** {@code .../classes/processes/some-flow.bpmn} → {@code processes/some-flow.bpmn}. */
  static String relativeName(Resource resource) throws IOException {
    String url = resource.getURL().toString();
    int processes = url.lastIndexOf("/processes/");
    int forms = url.lastIndexOf("/forms/");
    int start = Math.max(processes, forms);
    if (start < 0) {
      throw new IllegalStateException("Not under processes/ or forms/: " + url);
    }
    return url.substring(start + 1);
  }
}
