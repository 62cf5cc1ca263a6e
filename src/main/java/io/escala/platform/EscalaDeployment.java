package io.escala.platform;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
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
public class EscalaDeployment extends AbstractProcessEnginePlugin {

  public static final String DEPLOYMENT_NAME = "escala";
  private static final Logger log = LoggerFactory.getLogger(EscalaDeployment.class);
  private static final String[] PATTERNS = {
    "classpath*:processes/**/*.bpmn", "classpath*:processes/**/*.dmn", "classpath*:forms/**/*.form"
  };

  @Override
  public void postProcessEngineBuild(ProcessEngine processEngine) {
    Map<String, Resource> resources = findResources();
    DeploymentBuilder builder = processEngine.getRepositoryService()
        .createDeployment()
        .name(DEPLOYMENT_NAME)
        .source("escala")
        .enableDuplicateFiltering(false);
    resources.forEach((name, resource) -> {
      try (InputStream in = resource.getInputStream()) {
        builder.addInputStream(name, new ByteArrayInputStream(in.readAllBytes()));
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot read " + name, e);
      }
    });
    Deployment deployment = builder.deployWithResult();
    log.info("Deployment '{}' ({} resources: {}) -> {}", DEPLOYMENT_NAME, resources.size(), resources.keySet(),
        deployment.getId());
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

  /** {@code .../classes/processes/customer-onboarding.bpmn} → {@code processes/customer-onboarding.bpmn}. */
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
