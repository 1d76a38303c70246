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

    /** The doctor's errors, which hold Deploy back until fixed; null when there are none (or it is still checking). */
    String blocker() {
        return preflight.blocking() ? preflight.blocker() : null;
    }

    /** Why a Deploy that waited for the doctor did not go ahead (the spec changed meanwhile), or null. */
    String withdrawn() {
        return preflight.withdrawnProperty().get();
    }

    /** Whether the doctor is examining the spec now: Deploy then waits for it. */
    public boolean checking() {
        return preflight.runningProperty().get();
    }

    /** Deploys once the doctor has examined this spec on this connection and found no error. */
    static void deployWhenChecked(ReviewDoctor doctor, DeploymentSpec spec, Connection connection, Runnable deploy) {
        if (doctor == null) {
            deploy.run();
            return;
        }
        doctor.preflight.examine(spec, connection);
        doctor.preflight.whenExamined(() -> {
            if (!doctor.preflight.blocking()) {
                deploy.run();
            }
        });
    }

    /** Tries the wizard's spec on the Local connection and sends the sample request. */
    public void tryOnThisComputer() {
        trial.tryOn(model.validProperty().get() ? model.spec() : null, model.target());
    }

    /** Changes the deploy step should follow: the doctor started, finished or found errors. */
    public Observable[] changes() {
        return new Observable[] {preflight.runningProperty(), preflight.blockingProperty(),
            preflight.withdrawnProperty()};
    }

    public PreflightModel preflight() {
        return preflight;
    }

    public LocalTrialModel trial() {
        return trial;
    }
}
