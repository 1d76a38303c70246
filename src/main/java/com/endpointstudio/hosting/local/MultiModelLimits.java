package com.endpointstudio.hosting.local;

import com.endpointstudio.core.instance.InstanceCatalog;
import java.util.ArrayList;
import java.util.List;

/**
 * How much a local multi-model container keeps loaded. SageMaker unloads the least recently used
 * models when the instance's memory runs out (the container answers 507 to a load); locally the
 * container answers 507 when the models' processes would use more than the variant's instance
 * memory (at most half of this computer's), or when it already holds {@code maxModels}.
 *
 * @param maxModels at most this many models loaded at once, or null for no count limit
 * @param memoryMb  the memory the loaded models may use, or null for the instance type's memory
 */
public record MultiModelLimits(Integer maxModels, Integer memoryMb) {

    /** The variant's instance memory, as on SageMaker. */
    public static MultiModelLimits instanceMemory() {
        return new MultiModelLimits(null, null);
    }

    /** The model server's arguments for a variant of this instance type. */
    List<String> arguments(String instanceType) {
        List<String> arguments = new ArrayList<>();
        if (maxModels != null) {
            arguments.addAll(List.of("--max-models", maxModels.toString()));
        }
        arguments.addAll(List.of("--memory-budget-mb", Long.toString(memoryBudgetMb(instanceType))));
        return arguments;
    }

    private long memoryBudgetMb(String instanceType) {
        if (memoryMb != null) {
            return memoryMb;
        }
        long half = physicalMemoryMb() / 2;
        Double gib = instanceType == null ? null
                : InstanceCatalog.load().spec(instanceType).map(s -> s.memoryGib()).orElse(null);
        return gib == null ? half : Math.min(half, (long) (gib * 1024));
    }

    private static long physicalMemoryMb() {
        if (java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getTotalMemorySize() / (1024 * 1024);
        }
        return 8192;
    }
}
