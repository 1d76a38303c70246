package com.endpointstudio.cli;

import com.endpointstudio.app.StudioServices;
import com.endpointstudio.core.connection.CallerIdentity;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** Prints the account and ARN the AWS options resolve to (STS GetCallerIdentity). */
@Command(name = "whoami", mixinStandardHelpOptions = true,
        description = "Print the AWS account and ARN that the given profile, region and endpoint act as.")
public final class WhoamiCommand implements Callable<Integer> {

    private final StudioServices services;

    @Mixin
    AwsOptions aws;

    @Spec
    CommandSpec spec;

    public WhoamiCommand(StudioServices services) {
        this.services = services;
    }

    @Override
    public Integer call() {
        CallerIdentity identity = services.connectionTester().test(aws.connection());
        var out = spec.commandLine().getOut();
        out.println("Account: " + identity.account());
        out.println("Arn:     " + identity.arn());
        out.println("UserId:  " + identity.userId());
        out.flush();
        return 0;
    }
}
