package com.endpointstudio.hosting.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.endpointstudio.core.invoke.InvocationRequest;
import com.endpointstudio.core.invoke.InvocationResult;
import com.endpointstudio.core.loadtest.LoadTestPlan;
import com.endpointstudio.core.loadtest.LoadTestReport;
import com.endpointstudio.core.loadtest.LoadTester;
import com.endpointstudio.core.task.CancelToken;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;

/**
 * The load-test client against a server of the test's own: what it puts on the wire is what it
 * signed (the server re-signs what arrived, as AWS would), and an endpoint that throttles is
 * counted by a load test, which sends each request once, while single calls retry as the SDK does.
 */
class LoadTestRuntimeTest {

    private record Received(String path, Headers headers, byte[] body) {
    }

    private final AtomicReference<Received> received = new AtomicReference<>();
    private final java.util.concurrent.atomic.AtomicInteger hits = new java.util.concurrent.atomic.AtomicInteger();
    private volatile boolean throttling;
    private HttpServer server;
    private AwsSession session;

    @BeforeEach
    void start() throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            hits.incrementAndGet();
            received.set(new Received(exchange.getRequestURI().getRawPath(), exchange.getRequestHeaders(),
                    exchange.getRequestBody().readAllBytes()));
            byte[] answer = (throttling ? "{\"message\":\"Rate exceeded\"}" : "{}").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            if (throttling) {
                exchange.getResponseHeaders().add("x-amzn-ErrorType", "ThrottlingException");
            }
            exchange.sendResponseHeaders(throttling ? 429 : 200, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        server.start();
        URI url = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
        session = new AwsSession(com.endpointstudio.core.connection.Connection.aws("test", "default", "eu-west-1",
                url.toString()), "eu-west-1", StaticCredentialsProvider.create(AwsBasicCredentials.create(
                "AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY")), url);
    }

    @AfterEach
    void stop() {
        session.close();
        server.stop(0);
    }

    @Test
    void withoutAnOverrideRequestsGoToTheRegionsRuntimeEndpoint() throws Exception {
        for (String[] expected : new String[][] {{"eu-west-1", "https://runtime.sagemaker.eu-west-1.amazonaws.com"},
            {"cn-north-1", "https://runtime.sagemaker.cn-north-1.amazonaws.com.cn"}}) {
            AwsSession aws = new AwsSession(com.endpointstudio.core.connection.Connection.aws("aws", "default",
                    expected[0], null), expected[0], StaticCredentialsProvider.create(AwsBasicCredentials.create("a",
                    "b")), null);
            try (LoadTestRuntime runtime = new LoadTestRuntime(aws, new AwsEndpointRuntime(aws))) {
                assertThat(runtime.base()).hasToString(expected[1]);
            } finally {
                aws.close();
            }
        }
    }

    @Test
    void theSignatureMatchesTheRequestAsReceived() {
        var runtime = new AwsEndpointRuntime(session).forLoadTest();
        assertThat(runtime.invoke(new InvocationRequest("churn-prod", "text/csv", "application/json",
                "3,80,12\n".getBytes(StandardCharsets.UTF_8), "Blue", null, null, "run-1", "trace=9")).succeeded())
                .isTrue();

        Received request = received.get();
        assertThat(request.path()).isEqualTo("/endpoints/churn-prod/invocations");
        String authorization = request.headers().getFirst("Authorization");
        assertThat(authorization).startsWith("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/")
                .contains("/eu-west-1/sagemaker/aws4_request");
        String signedHeaders = authorization.replaceAll(".*SignedHeaders=([^,]+).*", "$1");
        assertThat(signedHeaders.split(";")).contains("host", "content-type", "accept",
                "x-amzn-sagemaker-target-variant", "x-amzn-sagemaker-custom-attributes");

        // re-sign what arrived, at the time it says it was signed, as the service would
        String date = request.headers().getFirst("X-Amz-Date");
        Instant signedAt = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC)
                .parse(date, Instant::from);
        SdkHttpFullRequest.Builder arrived = SdkHttpFullRequest.builder().method(SdkHttpMethod.POST)
                .uri(URI.create("http://" + request.headers().getFirst("Host") + request.path()));
        Arrays.stream(signedHeaders.split(";")).filter(name -> !name.equals("host") && !name.equals("x-amz-date"))
                .forEach(name -> arrived.putHeader(name, request.headers().getFirst(name)));
        String expected = AwsV4HttpSigner.create().sign(r -> r
                .identity(AwsBasicCredentials.create("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"))
                .request(arrived.build()).payload(ContentStreamProvider.fromByteArrayUnsafe(request.body()))
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "sagemaker")
                .putProperty(AwsV4HttpSigner.REGION_NAME, "eu-west-1")
                .putProperty(AwsV4HttpSigner.SIGNING_CLOCK, Clock.fixed(signedAt, ZoneOffset.UTC)))
                .request().firstMatchingHeader("Authorization").orElseThrow();
        assertThat(authorization).isEqualTo(expected);
    }

    @Test
    void aRequestIsPreparedOnceAndAnotherRequestIsPreparedAgain() {
        var runtime = new AwsEndpointRuntime(session).forLoadTest();
        InvocationRequest first = InvocationRequest.of("first", "application/json", "[1]".getBytes(StandardCharsets.UTF_8));
        InvocationRequest second = InvocationRequest.of("second", "text/csv", "2,3".getBytes(StandardCharsets.UTF_8));

        assertThat(runtime.invoke(first).succeeded()).isTrue();
        assertThat(runtime.invoke(first).latency()).isPositive();
        assertThat(received.get().path()).isEqualTo("/endpoints/first/invocations");
        assertThat(runtime.invoke(second).succeeded()).isTrue();

        Received last = received.get();
        assertThat(last.path()).isEqualTo("/endpoints/second/invocations");
        assertThat(last.headers().getFirst("Content-Type")).isEqualTo("text/csv");
        assertThat(new String(last.body(), StandardCharsets.UTF_8)).isEqualTo("2,3");
        assertThat(hits.get()).isEqualTo(3);
        assertThatThrownBy(() -> runtime.invoke(InvocationRequest.of("not a name", "text/csv", new byte[] {1})))
                .isInstanceOf(com.endpointstudio.core.error.ValidationException.class);
    }

    @Test
    void oneSignatureServesTheCallsOfASecondThenAFreshOneIsMade() {
        SettableClock clock = new SettableClock(Instant.parse("2026-12-02T10:00:00.500Z"));
        InvocationRequest request = InvocationRequest.of("first", "application/json",
                "[1]".getBytes(StandardCharsets.UTF_8));
        try (LoadTestRuntime runtime = new LoadTestRuntime(session, new AwsEndpointRuntime(session), clock)) {
            runtime.invoke(request);
            assertThat(sentAt()).isEqualTo("20261202T100000Z");
            String authorization = received.get().headers().getFirst("Authorization");

            clock.now = clock.now.plusMillis(600); // 10:00:01.100, in the next clock second
            runtime.invoke(request);
            assertThat(sentAt()).as("signed within the last second").isEqualTo("20261202T100000Z");
            assertThat(received.get().headers().getFirst("Authorization")).isEqualTo(authorization);

            clock.now = clock.now.plusMillis(500); // 1.1 s after signing
            runtime.invoke(request);
            assertThat(sentAt()).as("signed over a second before").isEqualTo("20261202T100001Z");

            clock.now = clock.now.minusSeconds(3600); // the computer's clock set back an hour
            runtime.invoke(request);
            assertThat(sentAt()).as("signed after the clock went back").isEqualTo("20261202T090001Z");
        }
    }

    private String sentAt() {
        return received.get().headers().getFirst("X-Amz-Date");
    }

    /** A clock the test moves. */
    private static final class SettableClock extends Clock {
        volatile Instant now;

        SettableClock(Instant now) {
            this.now = now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @Test
    void aLoadTestCountsThrottlingThatSingleCallsRetry() {
        throttling = true;
        AwsEndpointRuntime runtime = new AwsEndpointRuntime(session);
        InvocationRequest request = InvocationRequest.of("busy", "application/json", "[1]".getBytes(StandardCharsets.UTF_8));

        InvocationResult single = runtime.invoke(request);
        assertThat(single.succeeded()).isFalse();
        assertThat(hits.get()).isGreaterThan(1);

        hits.set(0);
        var once = runtime.forLoadTest();
        LoadTestReport report = new LoadTester().run("busy", new LoadTestPlan(2, 20, null, null),
                () -> once.invoke(request), snapshot -> { }, CancelToken.none());
        assertThat(hits.get()).isEqualTo(20);
        assertThat(report.failed()).isEqualTo(20);
        assertThat(report.errors()).containsOnlyKeys("ThrottlingException");
        assertThat(runtime.forLoadTest()).isSameAs(once);
    }
}
