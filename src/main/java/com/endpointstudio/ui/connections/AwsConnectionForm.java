package com.endpointstudio.ui.connections;

import com.endpointstudio.core.connection.AwsProfile;
import com.endpointstudio.core.connection.Connection;
import com.endpointstudio.core.connection.ConnectionKind;
import com.endpointstudio.core.connection.ProfileCatalog;
import com.endpointstudio.core.error.ValidationException;
import java.util.List;
import java.util.UUID;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.StringProperty;
import javafx.beans.property.SimpleStringProperty;

/** The fields of the add/edit AWS connection dialog, validated as the user types. */
public final class AwsConnectionForm {

    /** Shown in the profile picker for "use the SDK's default credential chain". */
    public static final String DEFAULT_CHAIN = "(default credential chain)";

    private final String id;
    private final StringProperty name = new SimpleStringProperty("");
    private final StringProperty profile = new SimpleStringProperty("");
    private final StringProperty region = new SimpleStringProperty("");
    private final StringProperty endpointUrl = new SimpleStringProperty("");
    private final List<AwsProfile> profiles;
    private final StringBinding problem;
    private final StringBinding profileInfo;

    public AwsConnectionForm(ProfileCatalog catalog, Connection existing) {
        this.id = existing == null ? UUID.randomUUID().toString() : existing.id();
        this.profiles = catalog.profiles();
        if (existing != null) {
            name.set(existing.name());
            profile.set(existing.profile() == null ? DEFAULT_CHAIN : existing.profile());
            region.set(existing.region() == null ? "" : existing.region());
            endpointUrl.set(existing.endpointUrl() == null ? "" : existing.endpointUrl());
        } else {
            String preferred = catalog.defaultProfileName();
            profile.set(profiles.stream().anyMatch(p -> p.name().equals(preferred)) ? preferred : DEFAULT_CHAIN);
            name.set("AWS " + (DEFAULT_CHAIN.equals(profile.get()) ? "default" : profile.get()));
        }
        problem = Bindings.createStringBinding(this::firstProblem, name, profile, region, endpointUrl);
        profileInfo = Bindings.createStringBinding(this::describeProfile, profile);
    }

    public StringProperty nameProperty() {
        return name;
    }

    public StringProperty profileProperty() {
        return profile;
    }

    public StringProperty regionProperty() {
        return region;
    }

    public StringProperty endpointUrlProperty() {
        return endpointUrl;
    }

    public List<String> profileChoices() {
        List<String> choices = new java.util.ArrayList<>();
        choices.add(DEFAULT_CHAIN);
        profiles.forEach(p -> choices.add(p.name()));
        return choices;
    }

    /** The first problem of the form, naming its field, or empty when the form is valid. */
    public StringBinding problemProperty() {
        return problem;
    }

    public BooleanBinding validProperty() {
        return problem.isEmpty();
    }

    /** What the chosen profile is: how it signs in and its region. */
    public StringBinding profileInfoProperty() {
        return profileInfo;
    }

    public Connection toConnection() {
        String chosen = profile.get() == null || DEFAULT_CHAIN.equals(profile.get()) ? null : profile.get();
        return new Connection(id, name.get(), ConnectionKind.AWS, chosen, region.get(), endpointUrl.get());
    }

    private String firstProblem() {
        try {
            toConnection().validate();
            return "";
        } catch (ValidationException e) {
            return e.errors().get(0).toString();
        }
    }

    private String describeProfile() {
        String chosen = profile.get();
        if (chosen == null || chosen.isBlank() || DEFAULT_CHAIN.equals(chosen)) {
            return "Credentials from the environment, then the default profile, then SSO or instance roles.";
        }
        return profiles.stream().filter(p -> p.name().equals(chosen)).findFirst()
                .map(p -> p.kind().label() + (p.source() == null ? "" : " (" + p.source() + ")")
                        + (p.region() == null ? ", no region" : ", region " + p.region()))
                .orElse("Profile '" + chosen + "' is not in ~/.aws/config or ~/.aws/credentials.");
    }
}
