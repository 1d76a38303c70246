package com.endpointstudio.hosting.aws;

import com.endpointstudio.core.hosting.ExecutionRoles;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.iam.IamClient;

/** Lists the IAM roles whose trust policy lets sagemaker.amazonaws.com assume them. */
final class AwsExecutionRoles implements ExecutionRoles {

    private final AwsSession session;
    private final IamClient iam;

    AwsExecutionRoles(AwsSession session) {
        this.session = session;
        // IAM is global; the SDK's endpoint rules send any region of a partition to its IAM endpoint.
        this.iam = session.client(IamClient.builder());
    }

    @Override
    public List<Role> assumableBySageMaker() {
        try {
            List<Role> roles = new ArrayList<>();
            for (var role : iam.listRolesPaginator().roles()) {
                String policy = role.assumeRolePolicyDocument() == null ? ""
                        : URLDecoder.decode(role.assumeRolePolicyDocument(), StandardCharsets.UTF_8);
                if (policy.contains("sagemaker.amazonaws.com")) {
                    roles.add(new Role(role.roleName(), role.arn()));
                }
            }
            return roles;
        } catch (RuntimeException e) {
            throw AwsErrors.translate(e, session.connection(), "Listing IAM roles", session.endpointFor("iam"));
        }
    }
}
