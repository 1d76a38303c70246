package com.endpointstudio.core.doctor;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** What DescribeEndpoint's FailureReason alone says, when the log is empty (the container never started). */
class ForensicsTest {

    @Test
    void thePingHealthCheckFailurePointsAtTheDoctorAndTheLocalReproduction() {
        Forensics.Diagnosis diagnosis = Forensics.diagnose("The primary container for production variant AllTraffic "
                + "did not pass the ping health check. Please check CloudWatch logs for this endpoint.", List.of());

        assertThat(diagnosis.cause()).startsWith("The container did not answer GET /ping within the health check's time");
        assertThat(diagnosis.fix()).contains("endpoint-studio doctor").contains("--reproduce");
        assertThat(diagnosis.traceback()).isNull();
    }

    @Test
    void modelDataTheRoleCantReadIsNamed() {
        Forensics.Diagnosis diagnosis = Forensics.diagnose("Failed to download model data(bucket: models, key: churn/"
                + "model.tar.gz). Please ensure that there is an object located at the URL and that the role passed to "
                + "CreateModel has permissions to download the model.", List.of());

        assertThat(diagnosis.cause()).isEqualTo("SageMaker could not read the model data with the execution role.");
        assertThat(diagnosis.fix()).contains("s3:GetObject");
    }

    @Test
    void anImageThatCantBePulledIsNamed() {
        Forensics.Diagnosis diagnosis = Forensics.diagnose("Requested image 123456789012.dkr.ecr.us-east-1.amazonaws.com/"
                + "churn:1 not found.", List.of());

        assertThat(diagnosis.cause()).isEqualTo("SageMaker could not pull the container image.");
    }

    @Test
    void aTracebackInTheLogWinsOverTheGenericReason() {
        Forensics.Diagnosis diagnosis = Forensics.diagnose("The primary container for production variant AllTraffic "
                + "did not pass the ping health check.", List.of("Traceback (most recent call last):",
                "  File \"/opt/ml/model/code/inference.py\", line 1, in <module>", "    import churn_features",
                "ModuleNotFoundError: No module named 'churn_features'"));

        assertThat(diagnosis.cause()).contains("'churn_features'");
        assertThat(diagnosis.fix()).contains("put churn_features.py in code/");
        assertThat(diagnosis.traceback()).endsWith("ModuleNotFoundError: No module named 'churn_features'");
    }
}
