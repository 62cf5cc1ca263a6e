package io.escala.documents;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.JsonValue;
import com.openai.core.http.HttpResponse;
import com.openai.errors.NotFoundException;
import com.openai.models.batches.Batch;
import com.openai.models.batches.BatchCreateParams;
import com.openai.models.batches.BatchListParams;
import com.openai.models.files.FileCreateParams;
import com.openai.models.files.FilePurpose;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The OpenAI Files and Batches APIs as economy mode uses them, with the official Java client (the one
 * {@link OpenAiDocumentModel} uses) at {@code escala.llm.base-url}. The client's own retries are off: a create retried
 * by the client after its answer was lost would start a second, paid batch; {@link EconomyGeneration} retries on its
 * next tick instead, after looking for the batch by its input file.
 */
class OpenAiBatchApi implements AutoCloseable {

  /** The Chat Completions endpoint every line of an input file is for. */
  static final String ENDPOINT = "/v1/chat/completions";
  /** Where a batch stops changing. */
  static final Set<String> TERMINAL = Set.of("completed", "failed", "expired", "cancelled", "not_found");

  /**
   * An OpenAI batch as far as economy mode cares.
   *
   * @param status the API's status, or {@code not_found} when the API no longer knows the batch
   * @param errors the batch's own errors (a file that failed validation), {@code null} when none
   */
  record Submission(String id, String status, String inputFileId, String outputFileId, String errorFileId,
      String errors) {

    boolean terminal() {
      return TERMINAL.contains(status);
    }
  }

  private final OpenAIClient client;

  OpenAiBatchApi(String baseUrl, String apiKey, Duration timeout) {
    this.client = OpenAIOkHttpClient.builder()
        .apiKey(apiKey)
        .baseUrl(baseUrl)
        .timeout(timeout)
        .maxRetries(0)
        .build();
  }

  /** {@code POST /files}, multipart, purpose {@code batch}: the file is streamed from disk. */
  String upload(Path jsonl) {
    return client.files().create(FileCreateParams.builder().file(jsonl).purpose(FilePurpose.BATCH).build()).id();
  }

  /** {@code POST /batches} for the Chat Completions lines of {@code inputFileId}, with a 24 h window. */
  Submission create(String inputFileId, long escalaBatchId) {
    return submission(client.batches().create(BatchCreateParams.builder()
        .inputFileId(inputFileId)
        .endpoint(BatchCreateParams.Endpoint.V1_CHAT_COMPLETIONS)
        .completionWindow(BatchCreateParams.CompletionWindow._24H)
        .metadata(BatchCreateParams.Metadata.builder()
            .putAdditionalProperty("escala_batch", JsonValue.from(Long.toString(escalaBatchId)))
            .build())
        .build()));
  }

  /**
   * The batch made from {@code inputFileId}, among the newest {@code scan} batches of the account: the one a create
   * call started whose answer never came back. An input file is uploaded for one batch only, so its id names it.
   */
  Optional<Submission> findByInputFile(String inputFileId, int scan) {
    var page = client.batches().list(BatchListParams.builder().limit(Math.min(scan, 100)).build());
    return page.autoPager().stream().limit(scan)
        .filter(batch -> inputFileId.equals(batch.inputFileId()))
        .findFirst().map(OpenAiBatchApi::submission);
  }

  /** {@code GET /batches/{id}}; a batch the API does not know any more is {@code not_found}. */
  Submission retrieve(String batchId) {
    try {
      return submission(client.batches().retrieve(batchId));
    } catch (NotFoundException e) {
      return new Submission(batchId, "not_found", null, null, null, "the Batch API does not know batch " + batchId);
    }
  }

  /** {@code POST /batches/{id}/cancel}: the batch ends as {@code cancelled}, with what it answered so far. */
  void cancel(String batchId) {
    client.batches().cancel(batchId);
  }

  /** {@code GET /files/{id}/content}, one line at a time, never held whole. */
  void lines(String fileId, Consumer<String> line) {
    try (HttpResponse response = client.files().content(fileId);
        BufferedReader reader = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
      for (String text = reader.readLine(); text != null; text = reader.readLine()) {
        if (!text.isBlank()) {
          line.accept(text);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("reading file " + fileId + " of the Batch API", e);
    }
  }

  private static Submission submission(Batch batch) {
    String errors = batch.errors().flatMap(list -> list.data()).filter(data -> !data.isEmpty())
        .map(data -> data.get(0)).map(error -> error.code().orElse("error") + ": " + error.message().orElse(""))
        .orElse(null);
    return new Submission(batch.id(), batch.status().asString(), batch.inputFileId(),
        batch.outputFileId().orElse(null), batch.errorFileId().orElse(null), errors);
  }

  @Override
  public void close() {
    client.close();
  }
}
