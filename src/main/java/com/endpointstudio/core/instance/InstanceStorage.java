package com.endpointstudio.core.instance;

import java.util.Set;

/**
 * Which endpoint instance types keep their storage on local NVMe SSDs (instance store) instead of an
 * EBS volume. SageMaker refuses a storage KMS key for them (CreateEndpointConfig.KmsKeyId), since their
 * hardware encrypts that storage itself. The families are those whose EC2 types of the same name come
 * with instance store volumes (Amazon EC2 instance types, "Instance storage" column): the "d" variants
 * and the accelerated families that carry NVMe drives.
 */
public final class InstanceStorage {

    private static final Set<String> FAMILIES = Set.of("ml.m5d", "ml.c5d", "ml.r5d", "ml.m6gd", "ml.c6gd", "ml.r6gd",
            "ml.r7gd", "ml.g4dn", "ml.p3dn", "ml.p4d", "ml.p4de", "ml.g5", "ml.g6", "ml.g6e", "ml.p5", "ml.p5e",
            "ml.p5en", "ml.trn1", "ml.trn1n", "ml.dl1");

    private InstanceStorage() {
    }

    public static boolean hasLocalStorage(String instanceType) {
        if (instanceType == null || instanceType.lastIndexOf('.') <= 0) {
            return false;
        }
        return FAMILIES.contains(instanceType.substring(0, instanceType.lastIndexOf('.')));
    }
}
