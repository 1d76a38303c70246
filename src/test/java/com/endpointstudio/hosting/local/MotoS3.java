package com.endpointstudio.hosting.local;

import com.endpointstudio.hosting.aws.AwsHosting;
import com.endpointstudio.hosting.aws.AwsSession;
import com.endpointstudio.testing.MotoServer;
import com.endpointstudio.testing.TestArchives;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/** moto's S3 as the AWS connection Local hosting reads through, and models that answer with their name. */
final class MotoS3 implements S3ModelDataSource {

    /** A model whose object is the text of its name.txt, and whose answer is that text. */
    static final String NAMED_MODEL = """
            import os

            def model_fn(model_dir):
                with open(os.path.join(model_dir, "name.txt")) as f:
                    return f.read()

            def transform_fn(name, body, content_type, accept):
                return name, "text/plain"
            """;

    private final MotoServer moto;
    private final Path awsDir;

    MotoS3(MotoServer moto, Path awsDir) {
        this.moto = moto;
        this.awsDir = awsDir;
    }

    /** A session with moto, as the studio opens one for an AWS connection. */
    AwsSession session() {
        return MotoServer.awsEnvironment(awsDir).sessionFactory().open(moto.connection());
    }

    @Override
    public Optional<Opened> open() {
        AwsSession session = session();
        return Optional.of(new Opened("moto", AwsHosting.of(session).modelData(), session));
    }

    /** A model.tar.gz of {@link #NAMED_MODEL} named {@code name}. */
    static Path namedModel(Path file, String name) {
        return TestArchives.tarGz(file, Map.of("code/inference.py", NAMED_MODEL, "name.txt", name));
    }
}
