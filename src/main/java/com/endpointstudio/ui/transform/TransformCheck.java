package com.endpointstudio.ui.transform;

import com.endpointstudio.core.connection.Connection;
import com.endpointstudio.core.deploy.DeploymentSpec.ModelSpec;
import com.endpointstudio.core.error.FieldError;
import com.endpointstudio.core.image.ImageCatalog;
import com.endpointstudio.core.image.ImageRequest;
import com.endpointstudio.core.image.ImageUriResolver;
import com.endpointstudio.core.instance.InstanceCatalog;
import com.endpointstudio.core.transform.TransformCost;
import com.endpointstudio.core.transform.TransformJobSpec;
import com.endpointstudio.core.transform.TransformValidator;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The form checked off the FX thread (the checks look at local files): the job and the Model it creates,
 * every problem naming its field as the form labels it, and the cost estimate before starting.
 *
 * @param model the Model the job creates first (from a spec or a packaged model), or null
 */
record TransformCheck(TransformJobSpec job, ModelSpec model, List<FieldError> problems, String cost) {

    boolean valid() {
        return problems.isEmpty();
    }

    static TransformCheck of(TransformDraft.Values draft, Connection connection, InstanceCatalog instances,
                             ImageCatalog images) {
        List<FieldError> problems = new ArrayList<>(draft.numberProblems());
        TransformJobSpec job = draft.job();
        ModelSpec model = null;
        String region = connection.isLocal() ? null : connection.region();
        switch (draft.source()) {
            case SPEC -> {
                model = draft.specModel();
                if (model == null) {
                    problems.add(new FieldError("Spec", draft.specProblem() == null || draft.specProblem().isBlank()
                            ? "choose a spec file to take its Model from" : draft.specProblem()));
                }
            }
            case ARCHIVE -> model = archiveModel(draft, connection, region, images, problems);
            case EXISTING -> { }
        }
        TransformValidator validator = new TransformValidator(Path.of("")).inRegion(region);
        (connection.isLocal() ? validator.forLocalHosting() : validator).errors(job, model)
                .forEach(problems::add);
        String cost;
        if (connection.isLocal()) {
            cost = "Runs on this computer: no instance is billed.";
        } else if (region == null) {
            cost = "The estimate needs the connection's region (its profile's region is read when the job starts).";
        } else if (job.resources().instanceType() == null) {
            cost = "";
        } else {
            cost = TransformCost.before(TransformCost.hourly(instances, job.resources(), region));
        }
        return new TransformCheck(job, model, List.copyOf(problems), cost);
    }

    /** The Model a packaged model.tar.gz (or folder) becomes: its framework's image for the region and type. */
    private static ModelSpec archiveModel(TransformDraft.Values draft, Connection connection, String region,
                                          ImageCatalog images, List<FieldError> problems) {
        String image = null;
        if (!connection.isLocal()) {
            try {
                image = new ImageUriResolver(images).retrieve(new ImageRequest(draft.framework(),
                        draft.frameworkVersion(), null, region == null ? "us-east-1" : region,
                        draft.job().resources().instanceType(), null)).uri();
            } catch (RuntimeException e) {
                problems.add(new FieldError("Framework version", String.valueOf(e.getMessage())));
            }
        }
        return com.endpointstudio.core.transform.TransformSources.archiveModel(draft.job().modelName(),
                draft.archive(), draft.framework(), draft.frameworkVersion(), draft.executionRole(), image, region);
    }
}
