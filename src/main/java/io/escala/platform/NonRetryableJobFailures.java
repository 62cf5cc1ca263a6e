package io.escala.platform;

import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cmd.DefaultJobRetryCmd;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.jobexecutor.FailedJobCommandFactory;
import org.camunda.bpm.engine.impl.persistence.entity.JobEntity;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Engine plugin: a job that fails with a {@link NonRetryableException} gets 0 retries at once, which makes it an
 * incident in Cockpit with the exception's message and stack trace. Every other failure keeps Camunda's own handling
 * (the activity's {@code failedJobRetryTimeCycle}, or 3 retries).
 */
@Component
public class NonRetryableJobFailures extends AbstractProcessEnginePlugin {

  private static final Logger log = LoggerFactory.getLogger(NonRetryableJobFailures.class);

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    configuration.setFailedJobCommandFactory(new CommandFactory());
  }

  static final class CommandFactory implements FailedJobCommandFactory {

    @Override
    public Command<Object> getCommand(String jobId, Throwable exception) {
      return NonRetryableException.isIn(exception)
          ? new NoMoreRetriesCmd(jobId, exception)
          : new DefaultJobRetryCmd(jobId, exception);
    }
  }

  /** Camunda's standard strategy with retries set to 0 instead of decremented. */
  static final class NoMoreRetriesCmd extends DefaultJobRetryCmd {

    NoMoreRetriesCmd(String jobId, Throwable exception) {
      super(jobId, exception);
    }

    @Override
    public Object execute(CommandContext commandContext) {
      JobEntity job = getJob();
      if (job == null) {
        return super.execute(commandContext);
      }
      log.warn("Job {} (activity {}, process instance {}) failed with an error no retry can fix; it becomes an"
          + " incident now: {}", job.getId(), job.getActivityId(), job.getProcessInstanceId(), exception.getMessage());
      job.unlock();
      // Message and stack trace first: the incident is created from them when the retries reach 0.
      logException(job);
      job.setRetries(0);
      return null;
    }
  }
}
