package com.endpointstudio.ui.deploy;

import com.endpointstudio.core.packaging.EntryPoint;
import com.endpointstudio.ui.deploy.DeployDraft.Entry;
import java.util.Optional;
import javafx.collections.ObservableList;

/**
 * SAGEMAKER_PROGRAM in a Model's environment, set to the entry point of the archive it serves. With
 * no script in the archive the variable is removed: the toolkit containers then keep their defaults,
 * and the XGBoost container runs its built-in algorithm only when it is unset.
 */
final class ProgramVariable {

    private ProgramVariable() {
    }

    static void set(ObservableList<Entry> environment, Optional<String> program) {
        int index = -1;
        for (int i = 0; i < environment.size(); i++) {
            if (environment.get(i).key().equals(EntryPoint.VARIABLE)) {
                index = i;
            }
        }
        if (program.isEmpty()) {
            if (index >= 0) {
                environment.remove(index);
            }
        } else if (index >= 0) {
            environment.set(index, new Entry(EntryPoint.VARIABLE, program.get()));
        } else {
            environment.add(0, new Entry(EntryPoint.VARIABLE, program.get()));
        }
    }
}
