package io.escala.platform;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.UUID;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.jobexecutor.JobExecutor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Names the node in the job locks it takes ({@code ACT_RU_JOB.LOCK_OWNER_} = {@code <node name>/<random>}), so with
 * several nodes on one database anyone can tell which node holds a job; Camunda's default is a bare UUID. The random
 * part keeps two nodes apart even when they are given the same name.
 */
@Component
public class ClusterNodeName extends AbstractProcessEnginePlugin {

  private static final Logger log = LoggerFactory.getLogger(ClusterNodeName.class);

  private final String lockOwner;

  public ClusterNodeName(@Value("${escala.cluster.node-name:}") String configured) {
    String name = configured == null || configured.isBlank() ? hostName() : configured.strip();
    if (name.length() > 200) {
      name = name.substring(0, 200);
    }
    this.lockOwner = name + "/" + UUID.randomUUID().toString().substring(0, 8);
  }

  @Override
  public void postInit(ProcessEngineConfigurationImpl configuration) {
    JobExecutor jobExecutor = configuration.getJobExecutor();
    if (jobExecutor != null) {
      jobExecutor.setLockOwner(lockOwner);
      log.info("This node's job locks are owned by {}", lockOwner);
    }
  }

  public String lockOwner() {
    return lockOwner;
  }

  private static String hostName() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      return "escala";
    }
  }
}
