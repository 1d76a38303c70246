package com.endpointstudio.ui.console;

import com.endpointstudio.core.endpoints.EndpointDetails;
import com.endpointstudio.core.endpoints.LoadedModel;
import com.endpointstudio.core.endpoints.MultiModelEndpoints;
import com.endpointstudio.core.error.StudioException;
import com.endpointstudio.core.hosting.Hosting;
import com.endpointstudio.ui.common.JobSlot;
import com.endpointstudio.ui.common.Jobs;
import com.endpointstudio.ui.common.Plural;
import java.util.List;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/** The models a multi-model endpoint can be sent to (TargetModel): the archives under its prefix, and the loaded ones. */
final class TargetModels {

    private final Jobs jobs;
    private final JobSlot listing = new JobSlot();
    private final ObservableList<String> models = FXCollections.observableArrayList();

    TargetModels(Jobs jobs) {
        this.jobs = jobs;
    }

    /** @param known the endpoint as already described, or null to describe it */
    void list(Hosting hosting, String endpoint, EndpointDetails known) {
        listing.start(jobs.job("List the models of " + endpoint, job -> {
            var details = known != null ? known : hosting.inventory().describe(endpoint).orElseThrow(
                    () -> new StudioException("There is no endpoint " + endpoint + "."));
            if (MultiModelEndpoints.prefix(details).isEmpty()) {
                throw new StudioException(endpoint + " is not a multi-model endpoint: it serves one model, so no "
                        + "target model is needed.");
            }
            return new Found(MultiModelEndpoints.models(details, hosting.modelData()),
                    hosting.inventory().loadedModels(endpoint).stream().map(LoadedModel::targetModel).toList());
        }).onSuccess(found -> {
            models.setAll(found.models());
            jobs.status().show(Plural.of(found.models().size(), "model") + " under the endpoint's prefix"
                    + (found.loaded().isEmpty() ? "" : "; loaded now: " + String.join(", ", found.loaded())));
        }));
    }

    /** Another endpoint or connection: the list, and a listing under way, go. */
    void clear() {
        listing.cancel();
        models.clear();
    }

    ObservableList<String> models() {
        return models;
    }

    /** A multi-model endpoint's models, and those loaded in its memory now. */
    private record Found(List<String> models, List<String> loaded) {
    }
}
