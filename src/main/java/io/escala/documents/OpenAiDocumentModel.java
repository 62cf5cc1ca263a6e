package io.escala.documents;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.JsonValue;
import com.openai.errors.OpenAIException;
import com.openai.errors.OpenAIInvalidDataException;
import com.openai.errors.OpenAIServiceException;
import com.openai.models.ResponseFormatJsonSchema;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * {@link DocumentModel} on an OpenAI-compatible Chat Completions endpoint, with the official Java client as
 * {@code llm/OpenAiLanguageModel} uses it. The client's own retries are off ({@code maxRetries(0)}): the worker
 * retries with its backoff and token bucket, renewing the row's lease first, and the client's timeout is the
 * per-call {@code escala.documents.llm-timeout}, well below the lease.
 */
public class OpenAiDocumentModel implements DocumentModel {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final TypeReference<Map<String, Object>> OBJECT = new TypeReference<>() {};

  private final OpenAIClient client;
  private final Clock clock;

  public OpenAiDocumentModel(String baseUrl, String apiKey, Duration timeout, int maxConnections, Clock clock) {
    this.client = OpenAIOkHttpClient.builder()
        .apiKey(apiKey)
        .baseUrl(baseUrl)
        .timeout(timeout)
        .maxRetries(0)
        .maxIdleConnections(maxConnections)
        .keepAliveDuration(Duration.ofMinutes(5))
        .build();
    this.clock = clock;
  }

  @Override
  public Answer complete(Request request) {
    ChatCompletionCreateParams.Builder params = chatCompletion(request)
        .putAdditionalHeader("Idempotency-Key", request.idempotencyKey());
    ChatCompletion completion;
    try {
      completion = client.chat().completions().create(params.build());
    } catch (OpenAIServiceException e) {
      throw new CallFailedException(e.statusCode(), Backoff.retryAfter(e.headers()::values, clock),
          "HTTP " + e.statusCode() + " (" + e.getClass().getSimpleName() + ")", e);
    } catch (OpenAIException | UncheckedIOException e) {
      throw new CallFailedException(0, Optional.empty(), e.getClass().getSimpleName()
          + (e.getCause() == null ? "" : " caused by " + e.getCause().getClass().getSimpleName()), e);
    }
    try {
      if (completion.choices().isEmpty()) {
        throw new CallFailedException(502, Optional.empty(), "no choices in the response", null);
      }
      String content = completion.choices().get(0).message().content().orElse("");
      long prompt = completion.usage().map(usage -> usage.promptTokens()).orElse(0L);
      long answer = completion.usage().map(usage -> usage.completionTokens()).orElse(0L);
      return new Answer(content, completion.model(), (int) prompt, (int) answer);
    } catch (OpenAIInvalidDataException e) {
      throw new CallFailedException(502, Optional.empty(), "malformed response", e);
    }
  }

  /**
   * The chat completion a section's request becomes, without headers: sent here, and written as the {@code body} of
   * a line of economy mode's Batch API file ({@link EconomyGeneration}), so both paths ask the same.
   */
  static ChatCompletionCreateParams.Builder chatCompletion(Request request) {
    ChatCompletionCreateParams.Builder params = ChatCompletionCreateParams.builder()
        .model(request.model())
        .addSystemMessage(request.system())
        .addUserMessage(request.user())
        .maxCompletionTokens(request.maxTokens());
    if (request.jsonSchema() != null) {
      params.responseFormat(ResponseFormatJsonSchema.builder()
          .jsonSchema(ResponseFormatJsonSchema.JsonSchema.builder()
              .name(request.sectionName())
              .schema(ResponseFormatJsonSchema.JsonSchema.Schema.builder()
                  .putAllAdditionalProperties(schema(request.jsonSchema()))
                  .build())
              .strict(false)
              .build())
          .build());
    }
    return params;
  }

  private static Map<String, JsonValue> schema(String json) {
    try {
      Map<String, Object> schema = JSON.readValue(json, OBJECT);
      Map<String, JsonValue> values = new java.util.LinkedHashMap<>();
      schema.forEach((key, value) -> values.put(key, JsonValue.from(value)));
      return values;
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalArgumentException("the section's JSON schema is not JSON", e);
    }
  }

  @Override
  public void close() {
    client.close();
  }
}
