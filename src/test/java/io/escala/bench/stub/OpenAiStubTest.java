package io.escala.bench.stub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.JsonSchemaLocalValidation;
import com.openai.errors.RateLimitException;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.StructuredChatCompletion;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class OpenAiStubTest {

  enum Tone { FORMAL, FRIENDLY, BRIEF }

  /** The kind of output Escala's structured tasks ask for: strings, a list of strings, an enum. */
  record CourseSummary(String title, List<String> highlights, Tone tone) {}

  private static final String SIMPLE_REQUEST = """
      {"model":"gpt-4o-mini","messages":[{"role":"user","content":"%s"}]}""";

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final ObjectMapper json = new ObjectMapper();
  private final List<AutoCloseable> opened = new ArrayList<>();

  @AfterEach
  void close() throws Exception {
    for (AutoCloseable closeable : opened) {
      closeable.close();
    }
  }

  @Test
  void theOfficialClientParsesAStructuredAnswerAndTheSamePromptGetsTheSameAnswer() throws IOException {
    OpenAiStub stub = start(OpenAiStub.builder());
    OpenAIClient client = client(stub, 0);

    var request = ChatCompletionCreateParams.builder()
        .model("gpt-4o-mini")
        .addSystemMessage("Summarise the course.")
        .addUserMessage("Curso de Python para equipos de marketing, 6 semanas.")
        .responseFormat(CourseSummary.class, JsonSchemaLocalValidation.YES)
        .putAdditionalHeader("Idempotency-Key", "case-7:summary")
        .build();
    StructuredChatCompletion<CourseSummary> first = client.chat().completions().create(request);
    StructuredChatCompletion<CourseSummary> second = client.chat().completions().create(request);

    CourseSummary summary = first.choices().get(0).message().content().orElseThrow();
    assertThat(summary.title()).isNotBlank();
    assertThat(summary.highlights()).isNotEmpty().allSatisfy(highlight -> assertThat(highlight).isNotBlank());
    assertThat(summary.tone()).isNotNull();
    assertThat(second.choices().get(0).message().content()).contains(summary);
    assertThat(first.choices().get(0).finishReason()).isEqualTo(ChatCompletion.Choice.FinishReason.STOP);
    var usage = first.usage().orElseThrow();
    assertThat(usage.promptTokens()).isPositive();
    assertThat(usage.totalTokens()).isEqualTo(usage.promptTokens() + usage.completionTokens());
    assertThat(stub.calls("case-7:summary")).isEqualTo(2);
    assertThat(stub.duplicateKeys()).containsExactly("case-7:summary");
  }

  @Test
  void withoutASchemaTheAnswerIsPlainText() throws IOException {
    OpenAiStub stub = start(OpenAiStub.builder());

    ChatCompletion completion = client(stub, 0).chat().completions().create(ChatCompletionCreateParams.builder()
        .model("gpt-4o-mini").addUserMessage("Escribe un saludo.").build());

    String content = completion.choices().get(0).message().content().orElseThrow();
    assertThat(content).isNotBlank().doesNotStartWith("{");
    assertThat(completion.model()).isEqualTo("gpt-4o-mini");
    assertThat(completion.usage().orElseThrow().completionTokens()).isEqualTo((content.length() + 3) / 4);
  }

  @Test
  void everyAnswerWaitsAtLeastTheConfiguredLatency() throws Exception {
    OpenAiStub stub = start(OpenAiStub.builder().latency(Duration.ofMillis(300)).jitter(Duration.ofMillis(50)));

    long started = System.nanoTime();
    HttpResponse<String> response = post(stub, "hola", null);

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
  }

  @Test
  void aBurstAboveTheRequestsPerMinuteLimitIsRefusedWith429AndRetryAfter() throws Exception {
    OpenAiStub stub = start(OpenAiStub.builder().requestsPerMinute(5));

    List<HttpResponse<String>> responses = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      responses.add(post(stub, "fila " + i, "row-" + i));
    }

    assertThat(responses).extracting(HttpResponse::statusCode).containsExactly(200, 200, 200, 200, 200, 429, 429, 429);
    HttpResponse<String> refused = responses.get(5);
    assertThat(Long.parseLong(refused.headers().firstValue("Retry-After").orElseThrow())).isBetween(1L, 60L);
    assertThat(refused.headers().firstValue("x-ratelimit-limit-requests")).contains("5");
    assertThat(refused.headers().firstValue("x-ratelimit-remaining-requests")).contains("0");
    assertThat(refused.headers().firstValue("x-ratelimit-reset-requests")).get().asString().endsWith("s");
    JsonNode error = json.readTree(refused.body()).get("error");
    assertThat(error.get("type").asText()).isEqualTo("rate_limit_exceeded");
    assertThat(error.get("message").asText()).contains("Rate limit");
    assertThat(responses.get(4).headers().firstValue("x-ratelimit-remaining-requests")).contains("0");
    assertThat(stub.accepted()).isEqualTo(5);
    assertThat(stub.rateLimited()).isEqualTo(3);

    // The official client sees OpenAI's exception type, so its own retry and back-off apply.
    assertThatThrownBy(() -> client(stub, 0).chat().completions().create(ChatCompletionCreateParams.builder()
        .model("gpt-4o-mini").addUserMessage("otra").build()))
        .isInstanceOfSatisfying(RateLimitException.class, e -> assertThat(e.statusCode()).isEqualTo(429));
  }

  @Test
  void theInjectedErrorRateIsDeterministicForASeedAndCloseToTheFraction() throws Exception {
    List<Integer> firstRun = statuses(start(OpenAiStub.builder().errorRate(0.2).seed(7)), 200);
    List<Integer> secondRun = statuses(start(OpenAiStub.builder().errorRate(0.2).seed(7)), 200);

    assertThat(secondRun).isEqualTo(firstRun);
    long errors = firstRun.stream().filter(status -> status != 200).count();
    assertThat(errors).isBetween(25L, 55L);
    assertThat(firstRun).contains(429, 500).containsOnly(200, 429, 500);
  }

  @Test
  void callsAreCountedPerHeaderKeyOrBodyHashAndOnlyRepeated2xxAreDuplicates() throws Exception {
    OpenAiStub stub = start(OpenAiStub.builder().requestsPerMinute(2));

    post(stub, "uno", "row-1");
    post(stub, "dos", "row-2");
    HttpResponse<String> refused = post(stub, "dos", "row-2");
    assertThat(refused.statusCode()).isEqualTo(429);

    assertThat(stub.calls("row-1")).isEqualTo(1);
    assertThat(stub.calls("row-2")).isEqualTo(2);
    assertThat(stub.duplicateKeys()).isEmpty();

    OpenAiStub unlimited = start(OpenAiStub.builder());
    HttpRequest.Builder xHeader = request(unlimited, "tres").header("X-Idempotency-Key", "row-3");
    http.send(xHeader.build(), HttpResponse.BodyHandlers.ofString());
    http.send(xHeader.build(), HttpResponse.BodyHandlers.ofString());
    post(unlimited, "sin clave", null);
    post(unlimited, "sin clave", null);

    String bodyKey = OpenAiStub.bodyKey(SIMPLE_REQUEST.formatted("sin clave").getBytes(StandardCharsets.UTF_8));
    assertThat(unlimited.calls("row-3")).isEqualTo(2);
    assertThat(unlimited.calls(bodyKey)).isEqualTo(2);
    assertThat(unlimited.duplicateKeys()).containsExactlyInAnyOrder("row-3", bodyKey);
  }

  @Test
  void honouringKeysReplaysTheFirstAnswerAndCountsTheRepeatAsAskedAgainNotAsADuplicate() throws Exception {
    OpenAiStub stub = start(OpenAiStub.builder().honourIdempotencyKeys(true));
    long before = System.currentTimeMillis();

    HttpResponse<String> first = post(stub, "uno", "row-1");
    HttpResponse<String> again = post(stub, "uno", "row-1");
    post(stub, "dos", "row-2");

    assertThat(again.statusCode()).isEqualTo(200);
    assertThat(json.readTree(again.body()).get("id")).isEqualTo(json.readTree(first.body()).get("id"));
    assertThat(stub.accepted()).isEqualTo(2);
    assertThat(stub.replayed()).isEqualTo(1);
    assertThat(stub.totalCalls()).isEqualTo(3);
    assertThat(stub.duplicateKeys()).isEmpty();
    assertThat(stub.askedAgain()).containsOnlyKeys("row-1");
    assertThat(stub.askedAgain().get("row-1")).isBetween(before, System.currentTimeMillis());

    OpenAiStub plain = start(OpenAiStub.builder());
    post(plain, "uno", "row-1");
    post(plain, "uno", "row-1");
    assertThat(plain.duplicateKeys()).containsExactly("row-1");
    assertThat(plain.askedAgain()).containsOnlyKeys("row-1");
    assertThat(plain.replayed()).isZero();
  }

  @Test
  void statsReportTheCountersAsJson() throws Exception {
    OpenAiStub stub = start(OpenAiStub.builder().requestsPerMinute(2));
    post(stub, "a", "row-a");
    post(stub, "a", "row-a");
    post(stub, "b", "row-b");
    http.send(HttpRequest.newBuilder(URI.create(stub.baseUrl() + "/chat/completions"))
        .POST(HttpRequest.BodyPublishers.ofString("not json")).build(), HttpResponse.BodyHandlers.ofString());

    HttpResponse<String> response = http.send(HttpRequest.newBuilder(
        URI.create("http://127.0.0.1:" + stub.port() + "/stats")).build(), HttpResponse.BodyHandlers.ofString());

    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode stats = json.readTree(response.body());
    assertThat(stats.get("totalCalls").asLong()).isEqualTo(4);
    assertThat(stats.get("accepted").asLong()).isEqualTo(2);
    assertThat(stats.get("rateLimited").asLong()).isEqualTo(2);
    assertThat(stats.get("failed").asLong()).isZero();
    assertThat(stats.get("duplicateKeys").get("row-a").asLong()).isEqualTo(2);
    assertThat(stats.get("duplicateKeys").size()).isEqualTo(1);
  }

  @Test
  void fiftyConcurrentClientsAreAllCounted() throws Exception {
    OpenAiStub stub = start(OpenAiStub.builder().latency(Duration.ofMillis(20)));
    ExecutorService clients = Executors.newFixedThreadPool(50);
    opened.add(clients::shutdownNow);

    List<Callable<Integer>> calls = new ArrayList<>();
    Set<String> repeated = new HashSet<>();
    for (int client = 0; client < 50; client++) {
      for (int row = 0; row < 4; row++) {
        // Every client sends its row 0 twice: 50 keys answered twice.
        String key = "client-" + client + ":row-" + Math.max(0, row - 1);
        if (row == 1) {
          repeated.add(key);
        }
        String prompt = "client " + client + " row " + row;
        calls.add(() -> post(stub, prompt, key).statusCode());
      }
    }
    List<Integer> statuses = new ArrayList<>();
    for (Future<Integer> status : clients.invokeAll(calls)) {
      statuses.add(status.get());
    }

    assertThat(statuses).hasSize(200).containsOnly(200);
    assertThat(stub.totalCalls()).isEqualTo(200);
    assertThat(stub.accepted()).isEqualTo(200);
    assertThat(stub.duplicateKeys()).isEqualTo(repeated);
    assertThat(stub.calls("client-49:row-0")).isEqualTo(2);
  }

  @Test
  void flagsConfigureTheStubAsTheBuilderDoes() throws Exception {
    OpenAiStub stub = start(OpenAiStub.fromFlags("--port=0", "--rpm=1", "--latency-ms=0", "--error-rate=0",
        "--seed=3", "--threads=4", "--model=stub-model"));

    assertThat(post(stub, "uno", "a").statusCode()).isEqualTo(200);
    assertThat(post(stub, "dos", "b").statusCode()).isEqualTo(429);
    assertThatThrownBy(() -> OpenAiStub.fromFlags("--latency=5")).hasMessageContaining("unknown flag --latency");
    OpenAiStub honouring = start(OpenAiStub.fromFlags("--honour-idempotency-keys=true"));
    post(honouring, "uno", "a");
    post(honouring, "uno", "a");
    assertThat(honouring.replayed()).isEqualTo(1);
    assertThatThrownBy(() -> OpenAiStub.fromFlags("--error-rate=1.5")).isInstanceOf(IllegalArgumentException.class);
  }

  private OpenAiStub start(OpenAiStub.Settings settings) throws IOException {
    OpenAiStub stub = settings.start();
    opened.add(stub);
    return stub;
  }

  private OpenAIClient client(OpenAiStub stub, int maxRetries) {
    OpenAIClient client = OpenAIOkHttpClient.builder()
        .apiKey("stub-key")
        .baseUrl(stub.baseUrl())
        .timeout(Duration.ofSeconds(10))
        .maxRetries(maxRetries)
        .build();
    opened.add(client::close);
    return client;
  }

  private List<Integer> statuses(OpenAiStub stub, int calls) throws Exception {
    List<Integer> statuses = new ArrayList<>();
    for (int i = 0; i < calls; i++) {
      statuses.add(post(stub, "fila " + i, "row-" + i).statusCode());
    }
    return statuses;
  }

  private HttpRequest.Builder request(OpenAiStub stub, String prompt) {
    return HttpRequest.newBuilder(URI.create(stub.baseUrl() + "/chat/completions"))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(SIMPLE_REQUEST.formatted(prompt)));
  }

  private HttpResponse<String> post(OpenAiStub stub, String prompt, String idempotencyKey) throws Exception {
    HttpRequest.Builder request = request(stub, prompt);
    if (idempotencyKey != null) {
      request.header("Idempotency-Key", idempotencyKey);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }
}
