package com.endpointstudio.ui.deploy;

import com.endpointstudio.core.connection.Connection;
import com.endpointstudio.core.deploy.DeploymentSpec;
import com.endpointstudio.core.deploy.SpecFiles;
import com.endpointstudio.core.deploy.SpecValidator;
import com.endpointstudio.core.deploy.export.ExportFormat;
import com.endpointstudio.core.error.FieldError;
import com.endpointstudio.core.image.ImageCatalog;
import com.endpointstudio.core.instance.CostEstimate;
import com.endpointstudio.core.instance.InstanceCatalog;
import com.endpointstudio.core.instance.InstanceSpec;
import com.endpointstudio.ui.common.Jobs;
import com.endpointstudio.ui.common.LocalArtifacts;
import com.endpointstudio.ui.common.ScreenLifecycle;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The deploy wizard: the draft's fields, the {@link DeploymentSpec} they make, its validation
 * with the API's rules (each error naming its field), the review's JSON and exports, and saving
 * and loading spec files.
 */
public final class DeployViewModel implements ScreenLifecycle {

    public enum Step { MODEL, ENDPOINT, REVIEW, DEPLOY }

    private final javafx.beans.property.BooleanProperty onLocal = new javafx.beans.property.SimpleBooleanProperty();
    private final DeployDraft draft = new DeployDraft();
    private final Supplier<String> region;
    private final Jobs jobs;
    private final SpecValidator validator;
    private final FrameworkChoices frameworks;
    private final InstanceCatalog instances;
    private final ReadOnlyStringWrapper instanceSummary = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper costText = new ReadOnlyStringWrapper("");
    private DeployRun run;
    private ReviewDoctor doctor;
    private Supplier<Connection> target = () -> null;

    private final ObjectProperty<Step> step = new SimpleObjectProperty<>(Step.MODEL);
    private final ObservableList<FieldError> problems = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper specJson = new ReadOnlyStringWrapper("");
    private final ObjectProperty<ExportFormat> exportFormat = new SimpleObjectProperty<>(ExportFormat.BOTO3);
    private final ReadOnlyStringWrapper exportText = new ReadOnlyStringWrapper("");
    private final BooleanBinding valid = Bindings.isEmpty(problems);
    private DeploymentSpec spec;
    /** The latest export: a newer one drops the answer of the one before. */
    private final com.endpointstudio.ui.common.JobSlot exportSlot = new com.endpointstudio.ui.common.JobSlot();

    /**
     * @param region the region of the active connection (null for Local), for the container environment
     */
    public DeployViewModel(Supplier<String> region, ImageCatalog images, InstanceCatalog instances,
                           Jobs jobs) {
        this.region = region;
        this.frameworks = new FrameworkChoices(draft, images, region, jobs);
        this.instances = instances;
        this.validator = SpecValidator.forWorkingFolder().withLocalArtifacts(new LocalArtifacts(jobs, this::refresh));
        this.jobs = jobs;
        draft.fillFrameworkEnvironment(region.get());
        for (var field : draft.all()) {
            field.addListener(obs -> refresh());
        }
        exportFormat.addListener((obs, old, now) -> refreshExport());
        refresh();
    }

    /** Starts a deployment of a freshly built artifact (from the packaging screen). */
    public void useModelData(Path artifact, boolean uncompressed) {
        draft.modelData.set(artifact.toString());
        draft.uncompressed.set(uncompressed);
        if (draft.name.get().isBlank()) {
            draft.name.set(com.endpointstudio.core.deploy.EndpointNames.fromArtifact(artifact));
        }
        step.set(Step.MODEL);
    }

    /** A built artifact and the SAGEMAKER_PROGRAM its entry point needs; empty removes the variable. */
    public void useModelData(Path artifact, boolean uncompressed, java.util.Optional<String> program) {
        ProgramVariable.set(draft.environment, program);
        useModelData(artifact, uncompressed);
    }

    /** A bring-your-own-container folder as the custom image (Local runs it; AWS needs its pushed image). */
    public void useContainerFolder(Path folder) {
        frameworks.useContainerFolder(folder);
    }

    private boolean refreshing;

    private void refresh() {
        if (refreshing) {
            return;
        }
        refreshing = true;
        try {
            String imageProblem = frameworks.resolveImage();
            spec = draft.toSpec();
            var connection = target.get();
            SpecValidator rules = connection != null && connection.isLocal() ? validator.forLocalHosting()
                    : validator.inRegion(region.get());
            List<FieldError> found = new java.util.ArrayList<>(rules.errors(spec));
            if (draft.name.get().isBlank()) {
                // names derived from a missing endpoint name would only repeat "Endpoint name: is required"
                found.removeIf(e -> e.field().endsWith("Model name") || e.field().equals("Endpoint config name"));
            }
            if (imageProblem != null) {
                found.add(0, new FieldError("Container image", imageProblem));
            }
            problems.setAll(found);
            specJson.set(SpecFiles.toJson(spec));
            refreshCost();
        } catch (RuntimeException e) {
            spec = null;
            problems.setAll(List.of(new FieldError("Spec", String.valueOf(e.getMessage()))));
            specJson.set("");
        } finally {
            refreshing = false;
        }
        refreshExport();
    }

    /** Prices are looked up in the connection's region; Local hosting shows what us-east-1 would charge. */
    public String priceRegion() {
        String where = region.get();
        return where == null || where.isBlank() ? "us-east-1" : where;
    }

    private void refreshCost() {
        if (draft.hosting.get() == DeployDraft.Hosting.SERVERLESS) {
            double perSecond = com.endpointstudio.core.instance.InferenceCost.serverlessPerSecond(
                    draft.serverlessMemory.get());
            instanceSummary.set("serverless, " + draft.serverlessMemory.get() + " MB");
            costText.set(String.format(java.util.Locale.ROOT, "Serverless: no hourly cost; each request is billed for "
                    + "its duration, about $%.7f a second at %d MB in us-east-1 ($0.00002 per GB-second): $%.2f per "
                    + "million inferences of 100 ms, plus data processed.", perSecond, draft.serverlessMemory.get(),
                    com.endpointstudio.core.instance.InferenceCost.serverlessPerMillion(draft.serverlessMemory.get(), 100)));
            return;
        }
        String type = draft.instanceType.get();
        var spec = type == null ? java.util.Optional.<InstanceSpec>empty() : instances.spec(type);
        instanceSummary.set(spec.map(InstanceSpec::summary).orElse(""));
        if (spec.isEmpty()) {
            costText.set("Choose an instance type to see what it costs.");
            return;
        }
        var connection = target.get();
        // every variant runs its own instances: the endpoint costs their sum
        List<CostEstimate> parts = new java.util.ArrayList<>(List.of(CostEstimate.of(instances, type,
                Math.max(1, draft.instanceCount.get()), priceRegion())));
        draft.moreVariants.forEach(v -> parts.add(CostEstimate.of(instances, v.instanceType.get(),
                Math.max(1, v.instanceCount.get()), priceRegion())));
        String estimate = CostEstimate.describe(parts);
        costText.set(connection != null && connection.isLocal()
                ? "Local hosting runs on this computer at no charge. On AWS: " + estimate + "." : estimate + ".");
    }

    /** Exports name local model data by its SHA-256, which reads the files: they are made off the FX thread. */
    private void refreshExport() {
        if (spec == null || !problems.isEmpty()) {
            exportSlot.cancel();
            exportText.set("# Fix the problems listed on this page to see the " + exportFormat.get().title() + ".");
            return;
        }
        DeploymentSpec current = spec;
        ExportFormat format = exportFormat.get();
        exportText.set("# Preparing the " + format.title() + "…");
        exportSlot.start(jobs.job("Prepare the " + format.title(), job -> format.exporter().export(current)).quietly()
                .onSuccess(exportText::set)
                .onFailure(error -> exportText.set("# This deployment can't be exported: " + error.getMessage())));
    }

    public void saveSpec(Path file) {
        DeploymentSpec current = spec;
        if (current == null) {
            return;
        }
        jobs.job("Save deployment spec", job -> {
            SpecFiles.write(file, current);
            return file;
        }).onSuccess(saved -> jobs.status().show("Saved the deployment spec to " + saved)).start();
    }

    /** Takes a spec edited as JSON in the review: it replaces the draft (kept whole when the fields can't hold it). */
    public void applySpecJson(String json) {
        draft.load(SpecFiles.fromJson(json, "the edited spec"));
    }

    public void loadSpec(Path file) {
        jobs.job("Open deployment spec", job -> SpecFiles.read(file)).onSuccess(loaded -> {
            draft.load(loaded);
            jobs.status().show("Opened " + file);
        }).start();
    }

    public void saveExport(Path file) {
        String text = exportText.get();
        boolean script = exportFormat.get() != ExportFormat.CLOUDFORMATION;
        jobs.job("Save export", job -> {
            com.endpointstudio.core.io.AtomicFiles.write(file, text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            file.toFile().setExecutable(script); // a script runs as it is; CloudFormation's template is read
            return file;
        }).onSuccess(saved -> jobs.status().show("Saved " + saved)).start();
    }

    public String exportFileName() {
        return spec == null ? "deployment" : exportFormat.get().exporter().fileName(spec);
    }

    /** Gives the wizard its deploy step: the runner and the connection deployments go to. */
    public void useRunner(DeployRun deployRun, Supplier<Connection> activeConnection) {
        this.run = deployRun;
        this.target = activeConnection;
        if (deployRun != null) { // a run started elsewhere (resumed or cleaned up at start) shows on the deploy step
            deployRun.runningProperty().addListener((obs, was, running) -> step.set(running ? Step.DEPLOY : step.get()));
        }
    }

    /** The draft is checked with the new connection's rules; the deploy step forgets a finished run of the old one. */
    @Override
    public void connectionChanged(Connection now) {
        onLocal.set(now != null && now.isLocal());
        refresh();
        if (run != null) {
            run.connectionChanged(now);
        }
    }

    /** The connection a deployment goes to now. */
    public Connection target() {
        return target.get();
    }

    /** Why Deploy is not possible right now, or null when it is. */
    public String deployBlocker() {
        var connection = target.get();
        if (run == null || connection == null) {
            return "No connection is active.";
        }
        if (!problems.isEmpty()) {
            return "Fix the problems on the review page first.";
        }
        return doctor == null ? null : doctor.blocker();
    }

    /** The deploy doctor of the review: Deploy waits for it, and for its errors to be fixed. */
    public void useDoctor(ReviewDoctor reviewDoctor) {
        this.doctor = reviewDoctor;
        reviewDoctor.attach(this);
    }

    public ReviewDoctor doctor() {
        return doctor;
    }

    public void deploy() {
        if (deployBlocker() == null && spec != null) {
            DeploymentSpec current = spec;
            Connection on = target.get();
            ReviewDoctor.deployWhenChecked(doctor, current, on, () -> run.start(current, on));
        }
    }

    /** Fills the role picker with the roles SageMaker can assume on the active AWS connection. */
    public void listRoles(java.util.function.Consumer<List<String>> onRoles) {
        if (run != null) {
            run.listRoles(target.get(), onRoles);
        }
    }

    public DeployRun run() {
        return run;
    }

    public List<String> instanceTypes() {
        return instances.types().names();
    }

    public InstanceCatalog instanceCatalog() {
        return instances;
    }

    /** The chosen type's hardware, e.g. "4 vCPU · 16 GiB · 1 × NVIDIA A10G (24 GiB)". */
    public ReadOnlyStringProperty instanceSummaryProperty() {
        return instanceSummary.getReadOnlyProperty();
    }

    /** The estimated cost of the chosen instances, or why there is none. */
    public ReadOnlyStringProperty costTextProperty() {
        return costText.getReadOnlyProperty();
    }

    /** The framework, version and image choices, and a container folder as the image. */
    FrameworkChoices frameworks() {
        return frameworks;
    }

    public DeployDraft draft() {
        return draft;
    }

    public DeploymentSpec spec() {
        return spec;
    }

    public String region() {
        return region.get();
    }

    public ObjectProperty<Step> stepProperty() {
        return step;
    }

    public ObservableList<FieldError> problems() {
        return problems;
    }

    public BooleanBinding validProperty() {
        return valid;
    }

    public ReadOnlyStringProperty specJsonProperty() {
        return specJson.getReadOnlyProperty();
    }

    public ObjectProperty<ExportFormat> exportFormatProperty() {
        return exportFormat;
    }

    public ReadOnlyStringProperty exportTextProperty() {
        return exportText.getReadOnlyProperty();
    }

    /** Whether deployments go to this computer: the fields only AWS reads (bucket, role, VPC, KMS) are hidden. */
    public javafx.beans.property.ReadOnlyBooleanProperty onLocalProperty() {
        return onLocal;
    }
}
