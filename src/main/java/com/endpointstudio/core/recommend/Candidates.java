package com.endpointstudio.core.recommend;

import com.endpointstudio.core.deploy.DeploymentSpec;
import com.endpointstudio.core.instance.InstanceCatalog;
import com.endpointstudio.core.instance.InstanceSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The instance types worth measuring for a spec: of the accelerator its image was built for (an
 * image tagged for GPUs needs NVIDIA instances, a Neuron image Inferentia or Trainium, any other a
 * CPU instance), with at least twice the model's size in memory, priced in the region; the spec's
 * own type first. The user edits the list before anything starts.
 */
public final class Candidates {

    /** Types that are commonly right for each kind of image, smallest first. */
    private static final List<String> CPU = List.of("ml.c5.large", "ml.m5.large", "ml.c6i.xlarge", "ml.m5.xlarge",
            "ml.c6i.2xlarge", "ml.m5.2xlarge", "ml.r5.2xlarge", "ml.m5.4xlarge");
    private static final List<String> GPU = List.of("ml.g4dn.xlarge", "ml.g5.xlarge", "ml.g6.xlarge",
            "ml.g5.2xlarge", "ml.g5.12xlarge");
    private static final List<String> NEURON = List.of("ml.inf2.xlarge", "ml.inf2.8xlarge", "ml.inf2.24xlarge");
    /** Enough to compare without making the run long or costly. */
    static final int AT_MOST = 4;

    private Candidates() {
    }

    public static List<String> forSpec(DeploymentSpec spec, InstanceCatalog catalog, String region) {
        var variant = spec.endpointConfig().variants().get(0);
        String image = spec.models().stream().filter(m -> m.name().equals(variant.modelName())).findFirst()
                .flatMap(m -> m.containers().stream().findFirst()).map(DeploymentSpec.ContainerSpec::image).orElse("");
        double neededGib = 2 * modelBytes(spec) / (1024.0 * 1024 * 1024);
        Set<String> picked = new LinkedHashSet<>();
        if (variant.instanceType() != null) {
            picked.add(variant.instanceType());
        }
        for (String type : family(image)) {
            if (picked.size() >= AT_MOST) {
                break;
            }
            InstanceSpec hardware = catalog.spec(type).orElse(null);
            if (hardware != null && hardware.known() && hardware.memoryGib() >= neededGib
                    && catalog.offer(type, region).map(o -> o.priced()).orElse(false)) {
                picked.add(type);
            }
        }
        return new ArrayList<>(picked);
    }

    static List<String> family(String image) {
        String tag = image.toLowerCase(Locale.ROOT);
        if (tag.contains("neuron")) {
            return NEURON;
        }
        return tag.contains("-gpu") || tag.contains("gpu-") || tag.matches(".*cu1\\d\\d.*") ? GPU : CPU;
    }

    /** The size of the first variant's local model data; 0 for data already in S3 (not read here). */
    static long modelBytes(DeploymentSpec spec) {
        var variant = spec.endpointConfig().variants().get(0);
        return spec.models().stream().filter(m -> m.name().equals(variant.modelName())).findFirst()
                .flatMap(m -> m.containers().stream().findFirst()).map(DeploymentSpec.ContainerSpec::modelData)
                .filter(data -> data != null && !data.isRemote()).map(data -> size(Path.of(data.location())))
                .orElse(0L);
    }

    private static long size(Path location) {
        try {
            if (Files.isRegularFile(location)) {
                return Files.size(location);
            }
            if (!Files.isDirectory(location)) {
                return 0;
            }
            try (Stream<Path> files = Files.walk(location)) {
                return files.filter(Files::isRegularFile).mapToLong(file -> {
                    try {
                        return Files.size(file);
                    } catch (IOException e) {
                        return 0;
                    }
                }).sum();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("the model data at " + location + " can't be read", e);
        }
    }
}
