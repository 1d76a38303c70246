package com.endpointstudio.cli;

import picocli.CommandLine.IVersionProvider;

/** The version from the jar's manifest (the pom's version), or "development" when run from classes. */
final class VersionProvider implements IVersionProvider {

    @Override
    public String[] getVersion() {
        String version = StudioCommand.class.getPackage().getImplementationVersion();
        return new String[] {"Endpoint Studio " + (version == null ? "(development build)" : version)};
    }
}
