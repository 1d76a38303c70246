package com.endpointstudio.core.deploy.export;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The export formats, by the names the command line and the review page use. */
public enum ExportFormat {
    BOTO3("boto3", "Python script (boto3)"),
    CLI("cli", "AWS CLI commands (bash)"),
    CLOUDFORMATION("cloudformation", "CloudFormation template (JSON)"),
    SAGEMAKER_SDK("sagemaker-sdk", "Python script (SageMaker Python SDK)"),
    CDK_TS("cdk-ts", "AWS CDK app (TypeScript)"),
    CDK_PY("cdk-py", "AWS CDK app (Python)"),
    TERRAFORM("terraform", "Terraform (HCL)");

    private final String id;
    private final String title;

    ExportFormat(String id, String title) {
        this.id = id;
        this.title = title;
    }

    public String id() {
        return id;
    }

    public String title() {
        return title;
    }

    public SpecExport exporter() {
        return switch (this) {
            case BOTO3 -> new Boto3Export();
            case CLI -> new AwsCliExport();
            case CLOUDFORMATION -> new CloudFormationExport();
            case SAGEMAKER_SDK -> new SageMakerSdkExport();
            case CDK_TS -> new CdkExport.TypeScript();
            case CDK_PY -> new CdkExport.Python();
            case TERRAFORM -> new TerraformExport();
        };
    }

    /** The format with this id ("boto3", "cli", "cloudformation", …), ignoring case. */
    public static ExportFormat fromId(String id) {
        String wanted = id == null ? "" : id.strip().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(format -> format.id.equals(wanted)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("'" + id + "' is not an export format; use one of "
                        + Arrays.stream(values()).map(ExportFormat::id).collect(Collectors.joining(", "))));
    }

    @Override
    public String toString() {
        return id;
    }
}
