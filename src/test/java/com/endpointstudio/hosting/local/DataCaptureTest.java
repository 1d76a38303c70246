package com.endpointstudio.hosting.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.endpointstudio.core.capture.CapturedData;
import com.endpointstudio.core.deploy.DeploymentSpec.DataCaptureSpec;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What Local's data capture writes: the sampled share of calls, each payload encoded by its content type. */
class DataCaptureTest {

    @TempDir
    Path dir;

    private List<com.endpointstudio.core.capture.CapturedRecord> captured(LocalBuckets buckets) {
        LocalHost host = new LocalHost(dir.resolve("local"), () -> null, java.time.Duration.ofSeconds(1),
                java.time.Duration.ofSeconds(1));
        try (host) {
            CapturedData data = new CapturedData(new LocalHosting(host, dir.resolve("local")));
            return data.files("s3://captures/run", "churn").stream().flatMap(f -> data.records(f).stream()).toList();
        }
    }

    @Test
    void aboutTheSamplingPercentageOfCallsIsCaptured() {
        LocalBuckets buckets = new LocalBuckets(dir.resolve("local/buckets"));
        DataCapture capture = new DataCapture(buckets, new SplittableRandom(7));
        DataCaptureSpec spec = new DataCaptureSpec(30, "s3://captures/run", true, false, List.of(), List.of(), null);
        for (int i = 0; i < 1000; i++) {
            capture.capture("churn", "AllTraffic", spec, null, "text/csv", "1,2".getBytes(), "text/csv", "0.5".getBytes());
        }
        var records = captured(buckets);
        // 30 % of 1,000: 300 expected; 240..360 is more than four standard deviations either side
        assertThat(records).hasSizeBetween(240, 360).allSatisfy(r -> {
            assertThat(r.output()).isNull();
            assertThat(r.input().mode()).isEqualTo("INPUT");
        });
    }

    @Test
    void csvAndJsonTypesAreKeptAsTextWithOrWithoutParametersAndOthersAsBase64() {
        LocalBuckets buckets = new LocalBuckets(dir.resolve("local/buckets"));
        DataCapture capture = new DataCapture(buckets, new SplittableRandom(1));
        DataCaptureSpec spec = new DataCaptureSpec(100, "s3://captures/run/", true, true, List.of("application/json"),
                List.of("text/csv"), null);
        capture.capture("churn", "Canary", spec, "id-1", "text/csv", "1,2\n3,4".getBytes(StandardCharsets.UTF_8),
                "text/csv; charset=utf-8", "0.1\n0.9".getBytes(StandardCharsets.UTF_8));
        capture.capture("churn", "Canary", spec, "id-2", "image/png", new byte[] {(byte) 0x89, 'P', 'N', 'G'},
                "application/json", "{\"label\": \"cat\"}".getBytes(StandardCharsets.UTF_8));
        var records = captured(buckets);
        assertThat(records).extracting(r -> r.inferenceId() + " " + r.input().encoding() + " " + r.output().encoding())
                .containsExactly("id-1 CSV CSV", "id-2 BASE64 JSON");
        assertThat(records.get(0).input().data()).isEqualTo("1,2\n3,4");
        assertThat(records.get(0).output().observedContentType()).isEqualTo("text/csv; charset=utf-8");
        assertThat(records.get(1).input().data()).isEqualTo("iVBORw==");
        assertThat(records.get(1).file()).startsWith("s3://captures/run/churn/Canary/");
        assertThat(records.get(0).eventId()).isNotEqualTo(records.get(1).eventId());
    }
}
