package com.endpointstudio.core.hosting;

import java.util.List;

/** IAM roles a host's SageMaker can assume: what the execution role picker offers. */
public interface ExecutionRoles {

    List<Role> assumableBySageMaker();

    record Role(String name, String arn) {
    }
}
