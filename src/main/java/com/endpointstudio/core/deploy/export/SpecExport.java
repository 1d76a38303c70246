package com.endpointstudio.core.deploy.export;

import com.endpointstudio.core.deploy.DeploymentSpec;

/** Turns a (valid) deployment spec into a text the user can run outside the studio. */
public interface SpecExport {

    String export(DeploymentSpec spec);

    /** A file name suggestion, e.g. {@code deploy-NAME.py}. */
    String fileName(DeploymentSpec spec);
}
