package io.github.migrationguard.reconcile;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AuditWebhookTest {

    private static final String JSON = "{\n  \"runId\" : \"x\",\n  \"osUser\" : \"J\u00fcrgen \uD83D\uDE80\"\n}\n";
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private HttpServer server;
    private ExecutorService executor;
    private final CountDownLatch release = new CountDownLatch(1);

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        executor = Executors.newCachedThreadPool();
        server.setExecutor(executor);
        server.start();
    }

    @AfterEach
    void stop() throws InterruptedException {
        release.countDown();
        server.stop(0);
        executor.shutdownNow();
        executor.awaitTermination(5, TimeUnit.SECONDS);
    }

    private URI url(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    private static void respond(HttpExchange exchange, int status) throws IOException {
        exchange.getRequestBody().readAllBytes();
        exchange.sendResponseHeaders(status, -1);
        exchange.close();
    }

    private record Received(String method, String contentType, String userAgent, byte[] body, String query) {
    }

    @Test
    void postsTheBodyAndHeadersExactly() {
        AtomicReference<Received> received = new AtomicReference<>();
        server.createContext("/hook", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            received.set(new Received(exchange.getRequestMethod(),
                    exchange.getRequestHeaders().getFirst("Content-Type"),
                    exchange.getRequestHeaders().getFirst("User-Agent"), body,
                    exchange.getRequestURI().getRawQuery()));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        AuditWebhook.Result r = AuditWebhook.post(url("/hook?token=abc"), JSON, TIMEOUT);
        assertTrue(r.delivered(), r.message());
        assertEquals(204, r.status());
        Received got = received.get();
        assertEquals("POST", got.method());
        assertEquals("application/json", got.contentType());
        assertEquals("migration-guard", got.userAgent());
        assertArrayEquals(JSON.getBytes(StandardCharsets.UTF_8), got.body());
        assertEquals("token=abc", got.query(), "the query is sent, only messages hide it");
        assertEquals("audit record posted to http://127.0.0.1:" + server.getAddress().getPort()
                + "/***?*** (HTTP 204)", r.message());
    }

    @Test
    void anyTwoHundredIsDelivered() {
        server.createContext("/ok", exchange -> respond(exchange, 200));
        server.createContext("/accepted", exchange -> respond(exchange, 202));
        assertEquals(200, AuditWebhook.post(url("/ok"), JSON, TIMEOUT).status());
        assertTrue(AuditWebhook.post(url("/ok"), JSON, TIMEOUT).delivered());
        AuditWebhook.Result accepted = AuditWebhook.post(url("/accepted"), JSON, TIMEOUT);
        assertTrue(accepted.delivered());
        assertEquals(202, accepted.status());
    }

    @Test
    void aServerErrorIsNotDeliveredAndNamesTheStatus() {
        server.createContext("/hook", exchange -> respond(exchange, 500));
        URI url = URI.create("http://ops:s3cr3t@127.0.0.1:" + server.getAddress().getPort() + "/hook?token=abc");
        AuditWebhook.Result r = AuditWebhook.post(url, JSON, TIMEOUT);
        assertFalse(r.delivered());
        assertEquals(500, r.status());
        assertEquals("audit webhook http://***@127.0.0.1:" + server.getAddress().getPort()
                + "/***?*** answered HTTP 500", r.message());
        assertFalse(r.message().contains("s3cr3t"));
        assertFalse(r.message().contains("abc"));
    }

    @Test
    void aClientErrorIsNotDelivered() {
        server.createContext("/hook", exchange -> respond(exchange, 404));
        AuditWebhook.Result r = AuditWebhook.post(url("/hook"), JSON, TIMEOUT);
        assertFalse(r.delivered());
        assertEquals(404, r.status());
    }

    @Test
    void aRedirectIsNotFollowed() {
        AtomicInteger targetHits = new AtomicInteger();
        server.createContext("/hook", exchange -> {
            exchange.getRequestBody().readAllBytes();
            exchange.getResponseHeaders().add("Location", url("/elsewhere").toString());
            exchange.sendResponseHeaders(302, -1);
            exchange.close();
        });
        server.createContext("/elsewhere", exchange -> {
            targetHits.incrementAndGet();
            respond(exchange, 200);
        });
        AuditWebhook.Result r = AuditWebhook.post(url("/hook"), JSON, TIMEOUT);
        assertFalse(r.delivered());
        assertEquals(302, r.status());
        assertTrue(r.message().contains("redirects are not followed"), r.message());
        assertEquals(0, targetHits.get());
    }

    @Test
    void aServerThatDoesNotAnswerInTimeIsNotDeliveredAndDoesNotHoldTheBuild() {
        server.createContext("/slow", exchange -> {
            try {
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            respond(exchange, 200);
        });
        long start = System.nanoTime();
        AuditWebhook.Result r = AuditWebhook.post(url("/slow"), JSON, Duration.ofMillis(300));
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertFalse(r.delivered());
        assertEquals(0, r.status());
        assertTrue(r.message().contains("did not answer within 300 ms"), r.message());
        assertTrue(millis < 3000, "returned after " + millis + " ms");
    }

    @Test
    void aBodyThatNeverEndsIsBoundedByTheTimeoutToo() {
        server.createContext("/trickle", exchange -> {
            exchange.getRequestBody().readAllBytes();
            exchange.sendResponseHeaders(200, 1000);
            exchange.getResponseBody().write('x');
            exchange.getResponseBody().flush();
            try {
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.close();
        });
        long start = System.nanoTime();
        AuditWebhook.Result r = AuditWebhook.post(url("/trickle"), JSON, Duration.ofMillis(300));
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertFalse(r.delivered(), r.message());
        assertTrue(millis < 3000, "returned after " + millis + " ms");
    }

    @Test
    void aClosedPortIsNotDelivered() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        URI url = URI.create("http://127.0.0.1:" + port + "/hook?token=abc");
        AuditWebhook.Result r = AuditWebhook.post(url, JSON, TIMEOUT);
        assertFalse(r.delivered());
        assertEquals(0, r.status());
        assertEquals("could not connect to audit webhook http://127.0.0.1:" + port + "/***?***: connection refused",
                r.message());
    }

    @Test
    void httpsToAServerWithoutTlsIsNotDelivered() {
        server.createContext("/hook", exchange -> respond(exchange, 200));
        URI url = URI.create("https://127.0.0.1:" + server.getAddress().getPort() + "/hook?token=abc");
        long start = System.nanoTime();
        AuditWebhook.Result r = AuditWebhook.post(url, JSON, Duration.ofMillis(500));
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertFalse(r.delivered(), r.message());
        assertEquals(0, r.status());
        assertTrue(r.message().contains("https://127.0.0.1:" + server.getAddress().getPort() + "/***?***"),
                r.message());
        assertFalse(r.message().contains("abc"), r.message());
        assertTrue(millis < 3000, "returned after " + millis + " ms");
    }

    @Test
    void anUnknownHostIsNotDelivered() {
        // .invalid never resolves (RFC 6761)
        URI url = URI.create("https://user:secret@hooks.migration-guard.invalid/x?token=abc");
        AuditWebhook.Result r = AuditWebhook.post(url, JSON, TIMEOUT);
        assertFalse(r.delivered());
        assertEquals(0, r.status());
        assertTrue(r.message().contains("https://***@hooks.migration-guard.invalid/***?***"), r.message());
        assertFalse(r.message().contains("secret"), r.message());
        assertFalse(r.message().contains("abc"), r.message());
        assertFalse(r.message().contains("\n"), r.message());
    }

    @Test
    void onlyHttpAndHttpsArePosted() {
        for (String bad : List.of("ftp://user:secret@files.example.com/audit?token=abc", "file:///tmp/audit.json",
                "mailto:ops@example.com", "/relative/path", "javascript:alert(1)")) {
            AuditWebhook.Result r = AuditWebhook.post(URI.create(bad), JSON, TIMEOUT);
            assertFalse(r.delivered(), bad);
            assertEquals(0, r.status(), bad);
            assertTrue(r.message().contains("not an http or https URL"), r.message());
            assertFalse(r.message().contains("secret"), r.message());
            assertFalse(r.message().contains("abc"), r.message());
        }
        assertFalse(AuditWebhook.post(null, JSON, TIMEOUT).delivered());
    }

    @Test
    void anHttpUrlWithoutHostIsAFailureNotAnException() {
        AuditWebhook.Result r = AuditWebhook.post(URI.create("http:///hook"), JSON, TIMEOUT);
        assertFalse(r.delivered());
        assertTrue(r.message().contains("names no host"), r.message());
    }

    @Test
    void badArgumentsAreFailuresNotExceptions() {
        server.createContext("/hook", exchange -> respond(exchange, 200));
        AuditWebhook.Result noBody = AuditWebhook.post(url("/hook"), null, TIMEOUT);
        assertFalse(noBody.delivered());
        AuditWebhook.Result zero = AuditWebhook.post(url("/hook"), JSON, Duration.ZERO);
        assertFalse(zero.delivered());
        assertTrue(zero.message().contains("must be positive"), zero.message());
        assertFalse(AuditWebhook.post(url("/hook"), JSON, null).delivered());
    }

    @Test
    void anInterruptEndsThePostAndTheFlagStaysSet() {
        server.createContext("/slow", exchange -> {
            try {
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            respond(exchange, 200);
        });
        long start = System.nanoTime();
        Thread.currentThread().interrupt();
        AuditWebhook.Result r;
        boolean flag;
        try {
            r = AuditWebhook.post(url("/slow"), JSON, Duration.ofSeconds(20));
        } finally {
            flag = Thread.interrupted();
        }
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertTrue(flag, "the interrupt flag is restored");
        assertFalse(r.delivered());
        assertTrue(r.message().startsWith("interrupted while posting"), r.message());
        assertTrue(millis < 3000, "returned after " + millis + " ms");
    }

    @Test
    void displayMasksUserInfoAndQuery() {
        String shown = AuditWebhook.display(URI.create("https://user:secret@hooks.example.com/x?token=abc"));
        assertEquals("https://***@hooks.example.com/***?***", shown);
        assertFalse(shown.contains("secret"));
        assertFalse(shown.contains("abc"));
        assertFalse(shown.contains("user"));
    }

    @Test
    void displayMasksAllButTheFirstPathSegmentWhereChatWebhooksKeepTheirSecret() {
        String shown = AuditWebhook.display(URI.create(
                "https://hooks.slack.com/services/T000/B000/XXXXsecretXXXX"));
        assertEquals("https://hooks.slack.com/services/***", shown);
        assertFalse(shown.contains("secret"));
    }

    @Test
    void displayKeepsWhatIsNotSecret() {
        assertEquals("https://hooks.example.com:8443/services/***",
                AuditWebhook.display(URI.create("https://hooks.example.com:8443/services/audit")));
        assertEquals("http://[::1]:8080/", AuditWebhook.display(URI.create("http://[::1]:8080/")));
        assertEquals("https://hooks.example.com/***#***",
                AuditWebhook.display(URI.create("https://hooks.example.com/a%20b#frag-token")));
        assertEquals("https://***@hooks.example.com",
                AuditWebhook.display(URI.create("https://tok@hooks.example.com")));
        assertEquals("mailto:***", AuditWebhook.display(URI.create("mailto:ops@example.com")));
        assertEquals("(no URL)", AuditWebhook.display(null));
    }
}
