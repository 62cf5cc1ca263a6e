package io.escala.bench.stub;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A local OpenAI-compatible Chat Completions endpoint for benchmarks: configurable latency, a requests-per-minute limit
 * answered with 429 + {@code Retry-After}, an injected error rate from a seeded {@link Random}, and a count of calls
 * per idempotency key ({@code Idempotency-Key} or {@code X-Idempotency-Key}, else the SHA-256 of the body) so a bench
 * can prove no request was answered twice. {@code GET /stats} reports the counters for a bench in another process.
 *
 * <p>Outcomes: {@link #accepted()} answered 200 with a new answer; {@link #replayed()} answered 200 with the stored
 * answer of a key answered before, when {@link Settings#honourIdempotencyKeys} is on (as Stripe-style idempotent APIs
 * do; off by default, and whether an LLM provider does it is the provider's business); {@link #rateLimited()} refused
 * by the per-minute limit; {@link #failed()} injected 500/429 answers and malformed requests (400).
 */
public final class OpenAiStub implements AutoCloseable {

  static final int MAX_BODY_BYTES = 4 * 1024 * 1024;

  static {
    // The JDK server writes headers and body separately; with Nagle on, each answer waits ~40 ms for a delayed ACK.
    // Read once, when the JDK's HttpServer is first used in this JVM.
    if (System.getProperty("sun.net.httpserver.nodelay") == null) {
      System.setProperty("sun.net.httpserver.nodelay", "true");
    }
  }

  private final Settings settings;
  private final HttpServer server;
  private final ExecutorService handlers;
  private final RequestWindow window;
  private final CallLedger ledger = new CallLedger();
  private final Random errors;
  private final Random jitter;
  private final AtomicLong completionIds = new AtomicLong();
  private final ObjectMapper json = new ObjectMapper();
  /** Answers by idempotency key, kept only when {@link Settings#honourIdempotencyKeys} is on. */
  private final java.util.Map<String, ObjectNode> answers = new java.util.concurrent.ConcurrentHashMap<>();

  private OpenAiStub(Settings settings) throws IOException {
    this.settings = settings;
    this.window = new RequestWindow(settings.requestsPerMinute, System::nanoTime);
    this.errors = new Random(settings.seed);
    this.jitter = new Random(settings.seed + 1);
    this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), settings.port),
        settings.threads * 2);
    this.handlers = Executors.newFixedThreadPool(settings.threads, runnable -> {
      Thread thread = new Thread(runnable, "openai-stub");
      thread.setDaemon(true);
      return thread;
    });
    server.setExecutor(handlers);
    server.createContext("/v1/chat/completions", this::chatCompletion);
    server.createContext("/stats", this::stats);
    server.start();
  }

  public static Settings builder() {
    return new Settings();
  }

  /** {@code http://127.0.0.1:<port>/v1}, the base URL an OpenAI client is given. */
  public String baseUrl() {
    return "http://" + server.getAddress().getAddress().getHostAddress() + ":" + port() + "/v1";
  }

  public int port() {
    return server.getAddress().getPort();
  }

  /** Every request to the completions endpoint with this key, whatever the answer. */
  public long calls(String key) {
    return ledger.calls(key);
  }

  /** Keys given a new 2xx answer more than once: a request the caller should not have repeated, paid twice. */
  public Set<String> duplicateKeys() {
    return ledger.duplicateKeys();
  }

  /**
   * Keys asked again after a 2xx answer, new or replayed, each with the epoch milliseconds of its first answer. With
   * {@link Settings#honourIdempotencyKeys} off this is {@link #duplicateKeys()}; on, it shows what a provider that
   * ignores the key would have billed twice.
   */
  public java.util.Map<String, Long> askedAgain() {
    return ledger.askedAgain();
  }

  public long replayed() {
    return ledger.replayed();
  }

  public long totalCalls() {
    return ledger.totalCalls();
  }

  public long accepted() {
    return ledger.accepted();
  }

  public long rateLimited() {
    return ledger.rateLimited();
  }

  public long failed() {
    return ledger.failed();
  }

  /** The key a request without an idempotency header is counted under. */
  public static String bodyKey(byte[] body) {
    try {
      return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }

  @Override
  public void close() {
    server.stop(0);
    handlers.shutdownNow();
  }

  private void chatCompletion(HttpExchange exchange) throws IOException {
    try (exchange) {
      if (!"POST".equals(exchange.getRequestMethod())) {
        exchange.getResponseHeaders().set("Allow", "POST");
        exchange.sendResponseHeaders(405, -1);
        return;
      }
      byte[] body = readBody(exchange);
      String key = idempotencyKey(exchange, body);
      if (body == null) {
        ledger.record(key, CallLedger.Outcome.FAILED);
        sendError(exchange, 413, "Request body too large", "invalid_request_error", null);
        return;
      }
      RequestWindow.Decision decision = window.limited() ? window.tryAdmit() : null;
      if (decision != null) {
        rateLimitHeaders(exchange, decision);
        if (!decision.admitted()) {
          ledger.record(key, CallLedger.Outcome.RATE_LIMITED);
          exchange.getResponseHeaders().set("Retry-After", Long.toString(decision.retryAfterSeconds()));
          sendError(exchange, 429, "Rate limit reached for requests: limit " + decision.limit()
              + " per minute. Please try again in " + decision.retryAfterSeconds() + "s.", "rate_limit_exceeded",
              "rate_limit_exceeded");
          return;
        }
      }
      ObjectNode stored = settings.honourIdempotencyKeys ? answers.get(key) : null;
      if (stored != null) {
        ledger.record(key, CallLedger.Outcome.REPLAYED);
        send(exchange, 200, stored);
        return;
      }
      int injected = injectedError();
      sleep(latency());
      if (injected != 0) {
        ledger.record(key, CallLedger.Outcome.FAILED);
        if (injected == 429) {
          exchange.getResponseHeaders().set("Retry-After", "1");
          sendError(exchange, 429, "Rate limit reached (injected by the stub).", "rate_limit_exceeded",
              "rate_limit_exceeded");
        } else {
          sendError(exchange, 500, "The server had an error while processing your request (injected by the stub).",
              "server_error", null);
        }
        return;
      }
      ObjectNode answer;
      try {
        answer = completion(json.readTree(body));
      } catch (JsonProcessingException | IllegalArgumentException e) {
        ledger.record(key, CallLedger.Outcome.FAILED);
        sendError(exchange, 400, "We could not parse the JSON body of your request.", "invalid_request_error", null);
        return;
      }
      if (settings.honourIdempotencyKeys) {
        ObjectNode first = answers.putIfAbsent(key, answer);
        if (first != null) {
          // two requests with one key generated at once: the second gets the first one's answer
          ledger.record(key, CallLedger.Outcome.REPLAYED);
          send(exchange, 200, first);
          return;
        }
      }
      ledger.record(key, CallLedger.Outcome.ACCEPTED);
      send(exchange, 200, answer);
    }
  }

  private void stats(HttpExchange exchange) throws IOException {
    try (exchange) {
      ObjectNode stats = json.createObjectNode()
          .put("totalCalls", totalCalls())
          .put("accepted", accepted())
          .put("replayed", replayed())
          .put("rateLimited", rateLimited())
          .put("failed", failed())
          .put("distinctKeys", ledger.distinctKeys());
      ObjectNode duplicates = stats.putObject("duplicateKeys");
      ledger.duplicates().forEach(duplicates::put);
      stats.put("askedAgain", ledger.askedAgain().size());
      send(exchange, 200, stats);
    }
  }

  /** The Chat Completions response shape, as {@code com.openai.models.chat.completions.ChatCompletion} parses it. */
  private ObjectNode completion(JsonNode request) {
    if (!request.isObject() || !request.path("messages").isArray()) {
      throw new IllegalArgumentException("messages missing");
    }
    if (request.path("stream").asBoolean(false)) {
      throw new IllegalArgumentException("streaming is not supported by the stub");
    }
    String prompt = promptText(request.get("messages"));
    long seed = ByteBuffer.wrap(sha256(prompt)).getLong();
    String content = content(request.path("response_format"), prompt, seed);

    ObjectNode completion = json.createObjectNode()
        .put("id", "chatcmpl-stub-" + completionIds.incrementAndGet())
        .put("object", "chat.completion")
        .put("created", System.currentTimeMillis() / 1000)
        .put("model", request.path("model").asText(settings.model));
    ObjectNode choice = completion.putArray("choices").addObject();
    choice.put("index", 0);
    choice.putObject("message").put("role", "assistant").put("content", content).putNull("refusal");
    choice.putNull("logprobs");
    choice.put("finish_reason", "stop");
    long promptTokens = tokens(prompt);
    long completionTokens = tokens(content);
    completion.putObject("usage")
        .put("prompt_tokens", promptTokens)
        .put("completion_tokens", completionTokens)
        .put("total_tokens", promptTokens + completionTokens);
    return completion;
  }

  private String content(JsonNode responseFormat, String prompt, long seed) {
    String type = responseFormat.path("type").asText("text");
    if ("json_schema".equals(type)) {
      JsonNode schema = responseFormat.path("json_schema").path("schema");
      return SchemaAnswer.fitting(schema.isMissingNode() ? json.createObjectNode() : schema, seed).toString();
    }
    // Spanish prose, as the bench templates ask for Spanish: a language check passes; the number keeps answers apart
    String text = "Estimada persona: le escribimos para confirmar que recibimos su solicitud número "
        + Math.floorMod(seed, 1_000_000) + " y que la atenderemos en los próximos días. Su mensaje tenía "
        + prompt.length() + " caracteres. Atentamente, el equipo de atención.";
    if ("json_object".equals(type)) {
      return json.createObjectNode().put("answer", text).toString();
    }
    return text;
  }

  /** Message contents in order; content is a string or a list of parts with {@code text}. */
  private static String promptText(JsonNode messages) {
    StringBuilder prompt = new StringBuilder();
    for (JsonNode message : messages) {
      JsonNode content = message.path("content");
      if (content.isTextual()) {
        prompt.append(content.asText()).append('\n');
      } else if (content.isArray()) {
        for (JsonNode part : content) {
          prompt.append(part.path("text").asText("")).append('\n');
        }
      }
    }
    return prompt.toString();
  }

  /** About four characters a token, as OpenAI's rule of thumb for English. */
  private static long tokens(String text) {
    return Math.max(1, (text.length() + 3) / 4);
  }

  /** 0: answer normally; otherwise the status to inject, 500 or 429 with equal odds. */
  private int injectedError() {
    if (settings.errorRate <= 0) {
      return 0;
    }
    synchronized (errors) {
      if (errors.nextDouble() >= settings.errorRate) {
        return 0;
      }
      return errors.nextBoolean() ? 500 : 429;
    }
  }

  private long latency() {
    long millis = settings.latency.toMillis();
    long spread = settings.jitter.toMillis();
    if (spread > 0) {
      synchronized (jitter) {
        millis += jitter.nextLong(spread + 1);
      }
    }
    return millis;
  }

  private static void sleep(long millis) {
    if (millis <= 0) {
      return;
    }
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static String idempotencyKey(HttpExchange exchange, byte[] body) {
    for (String header : new String[] {"Idempotency-Key", "X-Idempotency-Key"}) {
      String key = exchange.getRequestHeaders().getFirst(header);
      if (key != null && !key.isBlank()) {
        return key;
      }
    }
    return body == null ? "oversize-body" : bodyKey(body);
  }

  /** {@code null} when the body is larger than {@link #MAX_BODY_BYTES}. */
  private static byte[] readBody(HttpExchange exchange) throws IOException {
    try (InputStream in = exchange.getRequestBody()) {
      byte[] body = in.readNBytes(MAX_BODY_BYTES + 1);
      return body.length > MAX_BODY_BYTES ? null : body;
    }
  }

  /** OpenAI's header names; the reset is a duration such as {@code 12.5s}. */
  private static void rateLimitHeaders(HttpExchange exchange, RequestWindow.Decision decision) {
    exchange.getResponseHeaders().set("x-ratelimit-limit-requests", Integer.toString(decision.limit()));
    exchange.getResponseHeaders().set("x-ratelimit-remaining-requests", Integer.toString(decision.remaining()));
    exchange.getResponseHeaders().set("x-ratelimit-reset-requests",
        String.format(java.util.Locale.ROOT, "%.3fs", decision.resetNanos() / 1e9));
  }

  private void sendError(HttpExchange exchange, int status, String message, String type, String code)
      throws IOException {
    ObjectNode body = json.createObjectNode();
    ObjectNode error = body.putObject("error").put("message", message).put("type", type);
    error.putNull("param");
    if (code == null) {
      error.putNull("code");
    } else {
      error.put("code", code);
    }
    send(exchange, status, body);
  }

  private void send(HttpExchange exchange, int status, JsonNode body) throws IOException {
    byte[] bytes = json.writeValueAsBytes(body);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  private static byte[] sha256(String text) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }

  /** What the stub does; every setting is also a {@code --flag} of {@link #main}. */
  public static final class Settings {
    private int port;
    private Duration latency = Duration.ZERO;
    private Duration jitter = Duration.ZERO;
    private int requestsPerMinute;
    private double errorRate;
    private long seed = 42;
    private int threads = 64;
    private String model = "gpt-4o-mini";
    private boolean honourIdempotencyKeys;

    /** 0: a free port. */
    public Settings port(int port) {
      this.port = port;
      return this;
    }

    public Settings latency(Duration latency) {
      this.latency = latency;
      return this;
    }

    /** Up to this much more latency, uniformly drawn per request. */
    public Settings jitter(Duration jitter) {
      this.jitter = jitter;
      return this;
    }

    /** 0: no limit. */
    public Settings requestsPerMinute(int requestsPerMinute) {
      this.requestsPerMinute = requestsPerMinute;
      return this;
    }

    /** Fraction (0..1) of admitted requests answered 500 or 429. */
    public Settings errorRate(double errorRate) {
      if (errorRate < 0 || errorRate > 1) {
        throw new IllegalArgumentException("error rate must be between 0 and 1: " + errorRate);
      }
      this.errorRate = errorRate;
      return this;
    }

    public Settings seed(long seed) {
      this.seed = seed;
      return this;
    }

    /** Handler threads: requests served at once, each sleeping its latency. */
    public Settings threads(int threads) {
      if (threads < 1) {
        throw new IllegalArgumentException("threads must be at least 1: " + threads);
      }
      this.threads = threads;
      return this;
    }

    /** The model named in answers when the request names none. */
    public Settings model(String model) {
      this.model = model;
      return this;
    }

    /**
     * A key answered 2xx before gets that answer again at once, not a new one (counted as replayed, not accepted):
     * a provider honouring {@code Idempotency-Key} the way Stripe-style APIs do. Off: every request is generated.
     */
    public Settings honourIdempotencyKeys(boolean honour) {
      this.honourIdempotencyKeys = honour;
      return this;
    }

    public OpenAiStub start() throws IOException {
      return new OpenAiStub(this);
    }
  }

  static Settings fromFlags(String... args) {
    Settings settings = builder();
    for (String arg : args) {
      String[] flag = arg.split("=", 2);
      if (flag.length != 2) {
        throw new IllegalArgumentException("expected --name=value: " + arg);
      }
      String value = flag[1];
      switch (flag[0]) {
        case "--port" -> settings.port(Integer.parseInt(value));
        case "--latency-ms" -> settings.latency(Duration.ofMillis(Long.parseLong(value)));
        case "--jitter-ms" -> settings.jitter(Duration.ofMillis(Long.parseLong(value)));
        case "--rpm" -> settings.requestsPerMinute(Integer.parseInt(value));
        case "--error-rate" -> settings.errorRate(Double.parseDouble(value));
        case "--seed" -> settings.seed(Long.parseLong(value));
        case "--threads" -> settings.threads(Integer.parseInt(value));
        case "--model" -> settings.model(value);
        case "--honour-idempotency-keys" -> settings.honourIdempotencyKeys(Boolean.parseBoolean(value));
        default -> throw new IllegalArgumentException("unknown flag " + flag[0] + "; flags: --port --latency-ms"
            + " --jitter-ms --rpm --error-rate --seed --threads --model --honour-idempotency-keys");
      }
    }
    return settings;
  }

  /**
   * {@code --port=8090 --latency-ms=100 --jitter-ms=0 --rpm=0 --error-rate=0 --seed=42 --threads=64 --model=gpt-4o-mini
   * --honour-idempotency-keys=false}; runs until killed.
   */
  public static void main(String[] args) throws IOException, InterruptedException {
    OpenAiStub stub = fromFlags(args).start();
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      stub.close();
      stopped.countDown();
    }));
    System.out.println("OpenAI stub at " + stub.baseUrl() + " (stats: GET /stats)");
    stopped.await();
  }
}
