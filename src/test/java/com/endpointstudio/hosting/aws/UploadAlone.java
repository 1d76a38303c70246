package com.endpointstudio.hosting.aws;

import com.endpointstudio.core.connection.Connection;
import com.endpointstudio.core.connection.ConnectionKind;
import com.endpointstudio.core.hosting.ObjectStore;
import com.endpointstudio.testing.MotoServer;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The studio's uploader alone, for {@link PackageUploadBenchmark}: a finished archive read from disk
 * into parts of the size and parallelism the one-pass upload uses, in a fresh JVM.
 * Arguments: endpoint URL, bucket, key, file, part size, parallel parts.
 */
public final class UploadAlone {

    private UploadAlone() {
    }

    public static void main(String[] args) throws Exception {
        Path home = Files.createTempDirectory("upload-alone");
        Connection moto = new Connection("moto", "Moto", ConnectionKind.AWS, MotoServer.PROFILE, MotoServer.REGION, args[0]);
        int partSize = Integer.parseInt(args[4]);
        int parallel = Integer.parseInt(args[5]);
        try (AwsSession session = MotoServer.awsEnvironment(home.resolve(".aws")).sessionFactory().open(moto);
             InputStream in = Files.newInputStream(Path.of(args[3]))) {
            ObjectStore.MultipartUpload upload = AwsHosting.objectStore(session).startUpload(args[1], args[2], Map.of());
            ExecutorService senders = Executors.newFixedThreadPool(parallel);
            java.util.concurrent.Semaphore buffers = new java.util.concurrent.Semaphore(parallel + 1);
            List<Future<?>> parts = new ArrayList<>();
            for (int number = 1; ; number++) {
                buffers.acquire();
                byte[] part = in.readNBytes(partSize);
                if (part.length == 0 && number > 1) {
                    break;
                }
                int n = number;
                parts.add(senders.submit(() -> {
                    try {
                        upload.uploadPart(n, part, part.length);
                    } finally {
                        buffers.release();
                    }
                }));
                if (part.length < partSize) {
                    break;
                }
            }
            for (Future<?> part : parts) {
                part.get();
            }
            upload.complete();
            senders.shutdown();
        }
    }
}
