package com.endpointstudio.ui.deploy;

import com.endpointstudio.core.connection.Connection;
import com.endpointstudio.core.deploy.DeploymentSpec;
import com.endpointstudio.ui.deploy.DeployViewModel.Step;
import com.endpointstudio.ui.doctor.LocalTrialModel;
import com.endpointstudio.ui.doctor.PreflightModel;
import javafx.beans.InvalidationListener;
import javafx.beans.Observable;

/**
 * The deploy doctor in the wizard: examines the spec when the review opens (and whenever it changes
 * there), and holds Deploy back while it checks and while it finds errors. It also offers to try the
 * spec on this computer first.
 */
public final class ReviewDoctor {

    private final PreflightModel preflight;
    private final LocalTrialModel trial;
    private DeployViewModel model;

    public ReviewDoctor(PreflightModel preflight, LocalTrialModel trial) {
        this.preflight = preflight;
        this.trial = trial;
    }

    void attach(DeployViewModel wizard) {
        this.model = wizard;
        InvalidationListener examine = obs -> {
            if (wizard.stepProperty().get() != Step.MODEL && wizard.stepProperty().get() != Step.ENDPOINT) {
                examineNow();
            }
        };
        wizard.stepProperty().addListener(examine);
        wizard.specJsonProperty().addListener(examine);
    }

    private void examineNow() {
        preflight.examine(model.validProperty().get() ? model.spec() : null, model.target());
    }

    /** Why Deploy waits for the doctor: examining now a spec it has not seen, or errors it found; null when it may go. */
    String blocker(DeploymentSpec spec, Connection connection) {
        preflight.examine(spec, connection);
        return preflight.blocker();
    }

    /** Tries the wizard's spec on the Local connection and sends the sample request. */
    public void tryOnThisComputer() {
        trial.tryOn(model.validProperty().get() ? model.spec() : null, model.target());
    }

    /** Changes the deploy step should follow: the doctor started, finished or found errors. */
    public Observable[] changes() {
        return new Observable[] {preflight.runningProperty(), preflight.blockingProperty()};
    }

    public PreflightModel preflight() {
        return preflight;
    }

    public LocalTrialModel trial() {
        return trial;
    }
}
