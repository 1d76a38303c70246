package com.endpointstudio.hosting.aws;

import com.endpointstudio.core.byoc.ImagePublisher;
import com.endpointstudio.core.deploy.StudioTags;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecr.model.RepositoryNotFoundException;

/** ECR for images the user brings: the repository (made and tagged by the studio when missing) and a docker login. */
public final class AwsContainerRegistry implements ImagePublisher.Registry {

    private final AwsSession session;

    public AwsContainerRegistry(AwsSession session) {
        this.session = session;
    }

    @Override
    public String repository(String name) {
        try (EcrClient ecr = session.client(EcrClient.builder())) {
            try {
                return ecr.describeRepositories(r -> r.repositoryNames(name)).repositories().get(0).repositoryUri();
            } catch (RepositoryNotFoundException missing) {
                return ecr.createRepository(r -> r.repositoryName(name).tags(t -> t.key(StudioTags.MANAGED_KEY)
                        .value(StudioTags.MANAGED_VALUE))).repository().repositoryUri();
            }
        } catch (RuntimeException e) {
            throw AwsErrors.translate(e, session.connection(), "ECR repository " + name, session.endpointFor("api.ecr"));
        }
    }

    @Override
    public Login login() {
        try (EcrClient ecr = session.client(EcrClient.builder())) {
            var data = ecr.getAuthorizationToken().authorizationData().get(0);
            String decoded = new String(Base64.getDecoder().decode(data.authorizationToken()), StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            return new Login(data.proxyEndpoint().replaceFirst("^https://", ""), decoded.substring(0, colon),
                    decoded.substring(colon + 1));
        } catch (RuntimeException e) {
            throw AwsErrors.translate(e, session.connection(), "ECR GetAuthorizationToken", session.endpointFor("api.ecr"));
        }
    }
}
