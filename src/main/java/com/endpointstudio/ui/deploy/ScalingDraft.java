package com.endpointstudio.ui.deploy;

import com.endpointstudio.core.deploy.DeploymentSpec.AutoScalingSpec;
import javafx.beans.Observable;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/** A variant's autoscaling as the forms edit it: on or off, its instance range and target-tracking policy. */
final class ScalingDraft {

    final BooleanProperty enabled = new SimpleBooleanProperty();
    final IntegerProperty min = new SimpleIntegerProperty(1);
    final IntegerProperty max = new SimpleIntegerProperty(4);
    final StringProperty target = new SimpleStringProperty("70");
    final IntegerProperty inCooldown = new SimpleIntegerProperty(300);
    final IntegerProperty outCooldown = new SimpleIntegerProperty(60);

    Observable[] all() {
        return new Observable[] {enabled, min, max, target, inCooldown, outCooldown};
    }

    /** The settings, or null when the variant doesn't autoscale; a target that isn't a number fails validation. */
    AutoScalingSpec toSpec() {
        return enabled.get() ? new AutoScalingSpec(min.get(), max.get(), DeployDraft.number(target.get(), 0),
                inCooldown.get(), outCooldown.get()) : null;
    }

    void load(AutoScalingSpec scaling) {
        enabled.set(scaling != null);
        if (scaling != null) {
            min.set(scaling.minInstances());
            max.set(scaling.maxInstances());
            target.set(DeployDraft.formatNumber(scaling.targetInvocationsPerInstance()));
            inCooldown.set(scaling.scaleInCooldownSeconds());
            outCooldown.set(scaling.scaleOutCooldownSeconds());
        }
    }
}
