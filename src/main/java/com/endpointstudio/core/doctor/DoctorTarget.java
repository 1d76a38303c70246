package com.endpointstudio.core.doctor;

import com.endpointstudio.core.packaging.EntryPoint;
import com.endpointstudio.core.packaging.Framework;
import com.endpointstudio.core.packaging.FrameworkVersion;
import com.endpointstudio.core.packaging.LayoutTarget;
import java.util.Map;

/**
 * What a model will run as: the framework container and version that reads it, the entry point, the
 * image, where it runs (an instance type, or a serverless memory size) and how it is called.
 *
 * @param image              the image URI, or null when only the framework is known
 * @param instanceType       null for serverless, or when unknown
 * @param serverlessMemoryMb the serverless memory size, or null
 * @param environment        the Model's environment, or null when the archive is checked alone
 *                           (SAGEMAKER_PROGRAM is then taken to name the entry point)
 */
public record DoctorTarget(Framework framework, FrameworkVersion version, String entryPoint, String image,
                           String instanceType, Integer serverlessMemoryMb, boolean multiModel, boolean async,
                           Map<String, String> environment) {

    public DoctorTarget {
        entryPoint = entryPoint == null || entryPoint.isBlank() ? EntryPoint.DEFAULT : entryPoint.strip();
        environment = environment == null ? null : Map.copyOf(environment);
    }

    /** An archive checked for a framework alone, as `doctor ARCHIVE --framework F` does. */
    public static DoctorTarget of(Framework framework, FrameworkVersion version) {
        return new DoctorTarget(framework, version, null, null, null, null, false, false, null);
    }

    public DoctorTarget on(String type) {
        return new DoctorTarget(framework, version, entryPoint, image, type, null, multiModel, async, environment);
    }

    public DoctorTarget serverless(int memoryMb) {
        return new DoctorTarget(framework, version, entryPoint, image, null, memoryMb, multiModel, async, environment);
    }

    public DoctorTarget withImage(String uri) {
        return new DoctorTarget(framework, version, entryPoint, uri, instanceType, serverlessMemoryMb, multiModel, async,
                environment);
    }

    public DoctorTarget withEntryPoint(String name) {
        return new DoctorTarget(framework, version, name, image, instanceType, serverlessMemoryMb, multiModel, async,
                environment);
    }

    public DoctorTarget withEnvironment(Map<String, String> env) {
        return new DoctorTarget(framework, version, entryPoint, image, instanceType, serverlessMemoryMb, multiModel, async,
                env);
    }

    public DoctorTarget multiModel(boolean multi) {
        return new DoctorTarget(framework, version, entryPoint, image, instanceType, serverlessMemoryMb, multi, async,
                environment);
    }

    public DoctorTarget async(boolean asynchronous) {
        return new DoctorTarget(framework, version, entryPoint, image, instanceType, serverlessMemoryMb, multiModel,
                asynchronous, environment);
    }

    public LayoutTarget layoutTarget() {
        return new LayoutTarget(framework, version, entryPoint);
    }

    public boolean serverless() {
        return serverlessMemoryMb != null;
    }

    /** "PyTorch 2.1 (entry point inference.py) on ml.m5.large". */
    public String describe() {
        StringBuilder text = new StringBuilder(framework.displayName());
        if (version != null) {
            text.append(' ').append(version);
        }
        if (framework != Framework.CUSTOM && framework != Framework.TENSORFLOW) {
            text.append(" (entry point ").append(entryPoint).append(')');
        }
        if (multiModel) {
            text.append(", multi-model");
        }
        if (instanceType != null) {
            text.append(" on ").append(instanceType);
        } else if (serverlessMemoryMb != null) {
            text.append(", serverless ").append(serverlessMemoryMb).append(" MB");
        }
        return text.toString();
    }
}
