package io.escala.llm;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.JsonSchemaLocalValidation;
import com.openai.errors.OpenAIException;
import com.openai.errors.OpenAIInvalidDataException;
import com.openai.errors.OpenAIServiceException;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionMessage;
import com.openai.core.ObjectMappers;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link LanguageModel} on OpenAI Chat Completions with a JSON-schema response format. HTTP-level retries
 * (connection errors, 408/409/429/5xx, exponential backoff, Retry-After / retry-after-ms) are the client's; this class
 * only re-asks when an answer does not parse or validate. Logs carry task id, correlation id and status codes, never
 * customer text or answers.
 *
 * <p>Inside a BPMN step the validated answer is kept in {@link LlmAnswerCache} under the step and the SHA-256 of the
 * request, so a retried job with the same input gets it back without an HTTP call. A 4xx that no retry can fix (a
 * wrong key, model or URL) is a {@link LanguageModelRejectedException}, which fails the job at once when there is no
 * fallback.
 */
public class OpenAiLanguageModel implements LanguageModel, AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(OpenAiLanguageModel.class);

  private final OpenAIClient client;
  private final LlmProperties properties;
  private final LlmUsageLog usageLog;
  private final LlmAnswerCache answerCache;
  private final ObjectMapper answerReader = JsonMapper.builder()
      .findAndAddModules()
      .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
      .build();

  public OpenAiLanguageModel(LlmProperties properties, LlmUsageLog usageLog) {
    this(properties, usageLog, null);
  }

  /** @param answerCache {@code null}: every call goes to the API */
  public OpenAiLanguageModel(LlmProperties properties, LlmUsageLog usageLog, LlmAnswerCache answerCache) {
    this.client = OpenAIOkHttpClient.builder()
        .apiKey(properties.apiKey())
        .baseUrl(properties.baseUrl())
        .timeout(properties.timeout())
        .maxRetries(properties.maxRetries())
        .build();
    this.properties = properties;
    this.usageLog = usageLog;
    this.answerCache = answerCache;
  }

  @Override
  public <T> Generated<T> generate(StructuredTask<T> task, String correlationId) {
    ChatCompletionCreateParams request = request(task);
    Optional<LlmAnswerCache.StepRequest> step = stepRequest(task, request);
    Optional<LlmAnswerCache.CachedAnswer> cached = step.flatMap(key -> answerCache.find(key));
    Optional<T> reused = cached.flatMap(answer -> reuse(answer, task));
    if (reused.isPresent()) {
      String model = cached.get().model();
      log.info("LLM task {} (case {}) retried: the answer of the earlier attempt is used, no new request", task.id(),
          correlationId);
      usageLog.record(new LlmCall(task.id(), correlationId, model, Generated.BY_LLM, 0, 0, 0, LlmCallOutcome.CACHED));
      answerCache.forgetOnCommit(step.get());
      return new Generated<>(reused.get(), Generated.BY_LLM, model);
    }
    long promptTokens = 0;
    long completionTokens = 0;
    int attempts = 0;
    while (attempts < properties.invalidAnswerAttempts()) {
      attempts++;
      ChatCompletion completion;
      try {
        completion = client.chat().completions().create(request);
      } catch (OpenAIException | UncheckedIOException e) {
        boolean configurationError = isConfigurationError(e);
        if (configurationError) {
          log.error("LLM task {} (case {}) refused by the API, check escala.llm.*: {}", task.id(), correlationId,
              describe(e));
        } else {
          log.warn("LLM task {} (case {}) failed after the client's retries: {}", task.id(), correlationId,
              describe(e));
        }
        usageLog.record(new LlmCall(task.id(), correlationId, properties.model(), deliveredWithoutModel(), attempts,
            promptTokens, completionTokens, LlmCallOutcome.FAILED));
        if (configurationError && !properties.fallbackOnFailure()) {
          // Retrying cannot fix a wrong key, model or URL: an incident now, not after every retry.
          throw new LanguageModelRejectedException("LLM task " + task.id() + ": the API refused the request ("
              + describe(e) + "); check escala.llm.api-key, escala.llm.model and escala.llm.base-url", e);
        }
        return fallbackOrThrow(task, "the language model API failed: " + describe(e), e);
      }
      TokenCount tokens = tokens(completion);
      promptTokens += tokens.prompt();
      completionTokens += tokens.completion();

      Answer<T> answer = read(completion, task);
      if (answer.problems().isEmpty()) {
        String model = modelOf(completion);
        usageLog.record(new LlmCall(task.id(), correlationId, model, Generated.BY_LLM, attempts, promptTokens,
            completionTokens, LlmCallOutcome.OK));
        step.ifPresent(key -> remember(key, task, model, answer.value()));
        return new Generated<>(answer.value(), Generated.BY_LLM, model);
      }
      log.warn("LLM task {} (case {}) answer rejected, attempt {}/{}: {}", task.id(), correlationId, attempts,
          properties.invalidAnswerAttempts(), answer.problems());
    }
    usageLog.record(new LlmCall(task.id(), correlationId, properties.model(), deliveredWithoutModel(), attempts,
        promptTokens, completionTokens, LlmCallOutcome.INVALID_ANSWER));
    return fallbackOrThrow(task, "no valid answer in " + attempts + " attempts", null);
  }

  /**
   * The response format is the client's own class-to-JSON-schema conversion (structured outputs, strict), checked
   * locally against what the API accepts; the raw request lets this class parse and validate the answer itself.
   */
  private <T> ChatCompletionCreateParams request(StructuredTask<T> task) {
    return ChatCompletionCreateParams.builder()
        .model(properties.model())
        .addSystemMessage(CustomerDataMessages.systemMessage(task.instructions()))
        .addUserMessage(CustomerDataMessages.userMessage(task.input()))
        .responseFormat(task.outputType(), JsonSchemaLocalValidation.YES)
        .build()
        .rawParams();
  }

  /**
   * Problems are fixed phrases plus the task's own validation messages: parser messages are left out because they
   * quote the answer, and the answer may quote the customer.
   */
  private <T> Answer<T> read(ChatCompletion completion, StructuredTask<T> task) {
    ChatCompletionMessage message;
    try {
      if (completion.choices().isEmpty()) {
        return Answer.rejected("no choices in the response");
      }
      message = completion.choices().get(0).message();
      if (message.refusal().filter(refusal -> !refusal.isBlank()).isPresent()) {
        return Answer.rejected("the model refused");
      }
    } catch (OpenAIInvalidDataException e) {
      return Answer.rejected("malformed response: " + e.getClass().getSimpleName());
    }
    String content = message.content().orElse("");
    if (content.isBlank()) {
      return Answer.rejected("empty answer");
    }
    T value;
    try {
      value = answerReader.readValue(content, task.outputType());
    } catch (JsonProcessingException e) {
      return Answer.rejected("answer does not match the schema: " + e.getClass().getSimpleName());
    }
    if (value == null) {
      return Answer.rejected("answer is null");
    }
    List<String> problems = problems(task, value);
    return problems.isEmpty() ? new Answer<>(value, List.of()) : new Answer<>(null, problems);
  }

  /** The task's own rules and its link policy. */
  private static <T> List<String> problems(StructuredTask<T> task, T value) {
    List<String> problems = new ArrayList<>();
    try {
      List<String> taskProblems = task.validate(value);
      if (taskProblems != null) {
        problems.addAll(taskProblems);
      }
      problems.addAll(task.linkPolicy().problemsIn(value));
    } catch (RuntimeException e) {
      // A validator that cannot judge the answer has not accepted it.
      return List.of("validation failed: " + e.getClass().getSimpleName());
    }
    return problems;
  }

  /** The exact body sent to the API, hashed: a different input, prompt, model or schema is a different request. */
  private <T> Optional<LlmAnswerCache.StepRequest> stepRequest(StructuredTask<T> task,
      ChatCompletionCreateParams request) {
    if (answerCache == null) {
      return Optional.empty();
    }
    try {
      return answerCache.stepRequest(task.id(), ObjectMappers.jsonMapper().writeValueAsBytes(request._body()));
    } catch (JsonProcessingException e) {
      log.warn("LLM task {}: request not serialisable for the answer cache ({})", task.id(), e.getClass().getSimpleName());
      return Optional.empty();
    }
  }

  /** A cached answer is used only if it still parses and passes today's validation. */
  private <T> Optional<T> reuse(LlmAnswerCache.CachedAnswer cached, StructuredTask<T> task) {
    try {
      T value = answerReader.readValue(cached.answerJson(), task.outputType());
      return value != null && problems(task, value).isEmpty() ? Optional.of(value) : Optional.empty();
    } catch (JsonProcessingException e) {
      return Optional.empty();
    }
  }

  private <T> void remember(LlmAnswerCache.StepRequest step, StructuredTask<T> task, String model, T value) {
    try {
      answerCache.remember(step, task.id(), model, answerReader.writeValueAsString(value));
    } catch (JsonProcessingException e) {
      log.warn("LLM task {}: answer not serialisable for the answer cache ({})", task.id(), e.getClass().getSimpleName());
    }
  }

  /** generated_by of a usage row when the model gave nothing usable: the fallback, or nothing at all. */
  private String deliveredWithoutModel() {
    return properties.fallbackOnFailure() ? Generated.BY_FALLBACK : "none";
  }

  private <T> Generated<T> fallbackOrThrow(StructuredTask<T> task, String reason, Throwable cause) {
    if (!properties.fallbackOnFailure()) {
      throw new LanguageModelUnavailableException("LLM task " + task.id() + ": " + reason, cause);
    }
    // model = the one that was asked; the text itself comes from the task's template.
    return new Generated<>(task.linkPolicy().withoutLinks(task.fallback()), Generated.BY_FALLBACK, properties.model());
  }

  /** Usage is optional in the protocol; a malformed block must not turn a good answer into a failure. */
  private static TokenCount tokens(ChatCompletion completion) {
    try {
      return completion.usage()
          .map(usage -> new TokenCount(usage.promptTokens(), usage.completionTokens()))
          .orElse(new TokenCount(0, 0));
    } catch (OpenAIInvalidDataException e) {
      return new TokenCount(0, 0);
    }
  }

  private String modelOf(ChatCompletion completion) {
    try {
      return completion.model();
    } catch (OpenAIInvalidDataException e) {
      return properties.model();
    }
  }

  /** 4xx other than timeouts, conflicts and rate limits: a wrong key, model or URL, not a passing outage. */
  private static boolean isConfigurationError(RuntimeException e) {
    if (e instanceof OpenAIServiceException serviceException) {
      int status = serviceException.statusCode();
      return status >= 400 && status < 500 && status != 408 && status != 409 && status != 429;
    }
    return false;
  }

  private static String describe(RuntimeException e) {
    if (e instanceof OpenAIServiceException serviceException) {
      return "HTTP " + serviceException.statusCode() + " (" + e.getClass().getSimpleName() + ")";
    }
    String cause = e.getCause() == null ? "" : " caused by " + e.getCause().getClass().getSimpleName();
    return e.getClass().getSimpleName() + cause;
  }

  @Override
  public void close() {
    client.close();
  }

  private record TokenCount(long prompt, long completion) {}

  private record Answer<T>(T value, List<String> problems) {

    static <T> Answer<T> rejected(String problem) {
      return new Answer<>(null, List.of(problem));
    }
  }
}
