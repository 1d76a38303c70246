package com.endpointstudio.ui.instance;

import com.endpointstudio.core.instance.AcceleratorKind;
import com.endpointstudio.core.instance.InstanceCatalog;
import com.endpointstudio.core.instance.InstanceFilter;
import com.endpointstudio.core.instance.InstanceOffer;
import java.util.List;
import java.util.TreeSet;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;

/**
 * The instance picker's state: every endpoint type as the region offers it, narrowed by the
 * search text, family, accelerator, memory and price the user sets.
 */
public final class InstancePickerModel {

    /** The family choice that means "any family". */
    public static final String ANY_FAMILY = "All families";

    private final InstanceCatalog catalog;
    private final String region;
    private final FilteredList<InstanceOffer> shown;
    private final List<String> families;

    final StringProperty text = new SimpleStringProperty("");
    final StringProperty family = new SimpleStringProperty(ANY_FAMILY);
    final ObjectProperty<AcceleratorKind> accelerator = new SimpleObjectProperty<>();
    final ObjectProperty<Double> minMemoryGib = new SimpleObjectProperty<>();
    final ObjectProperty<Double> maxHourlyUsd = new SimpleObjectProperty<>();

    public InstancePickerModel(InstanceCatalog catalog, String region) {
        this.catalog = catalog;
        this.region = region;
        ObservableList<InstanceOffer> all = FXCollections.observableArrayList(catalog.offers(region));
        this.shown = new FilteredList<>(all);
        TreeSet<String> names = new TreeSet<>();
        all.forEach(offer -> names.add(offer.spec().family()));
        this.families = List.copyOf(names);
        for (javafx.beans.Observable criterion : List.<javafx.beans.Observable>of(text, family, accelerator,
                minMemoryGib, maxHourlyUsd)) {
            criterion.addListener(obs -> shown.setPredicate(filter()));
        }
    }

    InstanceFilter filter() {
        return new InstanceFilter(text.get(), ANY_FAMILY.equals(family.get()) ? null : family.get(), accelerator.get(),
                minMemoryGib.get(), maxHourlyUsd.get());
    }

    public ObservableList<InstanceOffer> shown() {
        return shown;
    }

    public List<String> families() {
        return families;
    }

    public String region() {
        return region;
    }

    public int total() {
        return shown.getSource().size();
    }

    /** The hourly price with a 3-year, all-upfront SageMaker Savings Plan; null when the type has no price. */
    public Double planHourly(InstanceOffer offer) {
        return offer.hourlyUsd() == null ? null : offer.hourlyUsd() * catalog.savingsPlans().fraction(offer.name(),
                com.endpointstudio.core.instance.SavingsPlans.Plan.THREE_YEARS_ALL_UPFRONT).orElse(1);
    }

    /** "Prices: on-demand estimates for us-east-1 as of 2026-11-25 (instances only)". */
    public String priceNote() {
        var prices = catalog.prices();
        String kind = prices.estimated() ? "on-demand estimates" : "on-demand prices";
        String note = "Prices: " + kind + " for " + region + " as of " + prices.asOf()
                + " (instances only; a month is 730 hours). A SageMaker Savings Plan of 1 or 3 years, paid with no, "
                + "partial or all upfront, lowers them; the last column is the longest, all upfront ("
                + (catalog.savingsPlans().estimated() ? "estimates" : "rates") + " as of "
                + catalog.savingsPlans().asOf() + ").";
        return prices.regions().contains(region) ? note
                : "The catalog has no prices for " + region + " (it has " + String.join(", ", prices.regions()) + ").";
    }

    public StringProperty textProperty() {
        return text;
    }

    public StringProperty familyProperty() {
        return family;
    }

    public ObjectProperty<AcceleratorKind> acceleratorProperty() {
        return accelerator;
    }

    public ObjectProperty<Double> minMemoryGibProperty() {
        return minMemoryGib;
    }

    public ObjectProperty<Double> maxHourlyUsdProperty() {
        return maxHourlyUsd;
    }
}
