package com.endpointstudio.core.instance;

/**
 * The hardware behind one endpoint instance type. Null numbers are not known to the catalog
 * (a type the API accepts before its specifications were added).
 *
 * @param acceleratorMemoryGib total over all accelerators
 */
public record InstanceSpec(String name, Integer vcpus, Double memoryGib, int accelerators, AcceleratorKind acceleratorKind,
                           String acceleratorModel, Double acceleratorMemoryGib) {

    public static InstanceSpec unknown(String name) {
        return new InstanceSpec(name, null, null, 0, AcceleratorKind.NONE, "", null);
    }

    /** "ml.g5" for "ml.g5.xlarge". */
    public String family() {
        return name.substring(0, name.lastIndexOf('.'));
    }

    public boolean known() {
        return vcpus != null;
    }

    public boolean hasGpu() {
        return acceleratorKind == AcceleratorKind.GPU;
    }

    /** "4 vCPU · 16 GiB · 1 × NVIDIA A10G (24 GiB)". */
    public String summary() {
        if (!known()) {
            return "specifications not in the catalog";
        }
        StringBuilder text = new StringBuilder().append(vcpus).append(" vCPU · ").append(Quantities.gib(memoryGib)).append(" GiB");
        if (accelerators > 0) {
            text.append(" · ").append(accelerators).append(" × ").append(acceleratorModel);
            if (acceleratorMemoryGib != null) {
                text.append(" (").append(Quantities.gib(acceleratorMemoryGib)).append(" GiB)");
            }
        }
        return text.toString();
    }
}
