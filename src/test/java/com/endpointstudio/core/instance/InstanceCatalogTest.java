package com.endpointstudio.core.instance;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class InstanceCatalogTest {

    private final InstanceCatalog catalog = InstanceCatalog.load();

    @Test
    void everyTypeTheApiAcceptsIsListedWithItsHardwareAndNoOtherType() {
        List<InstanceOffer> offers = catalog.offers("us-east-1");
        assertThat(offers).hasSize(catalog.types().names().size());
        long withSpecs = offers.stream().filter(o -> o.spec().known()).count();
        assertThat(withSpecs).isGreaterThanOrEqualTo(offers.size() - 6);
        assertThat(catalog.spec("ml.not-a.type")).isEmpty();
    }

    @Test
    void gpuTypesCarryCountModelAndMemory() {
        InstanceSpec g5 = catalog.spec("ml.g5.12xlarge").orElseThrow();
        assertThat(g5.vcpus()).isEqualTo(48);
        assertThat(g5.memoryGib()).isEqualTo(192.0);
        assertThat(g5.accelerators()).isEqualTo(4);
        assertThat(g5.acceleratorModel()).isEqualTo("NVIDIA A10G");
        assertThat(g5.acceleratorMemoryGib()).isEqualTo(96.0);
        assertThat(g5.summary()).isEqualTo("48 vCPU · 192 GiB · 4 × NVIDIA A10G (96 GiB)");
        assertThat(catalog.spec("ml.p4d.24xlarge").orElseThrow().acceleratorMemoryGib()).isEqualTo(320.0);
        assertThat(catalog.spec("ml.inf2.xlarge").orElseThrow().acceleratorKind()).isEqualTo(AcceleratorKind.INFERENTIA);
        assertThat(catalog.spec("ml.c4.large").orElseThrow().memoryGib()).isEqualTo(3.75);
        assertThat(catalog.spec("ml.m5.large").orElseThrow().summary()).isEqualTo("2 vCPU · 8 GiB");
    }

    @Test
    void pricesCoverTheThreeRegionsAndSayWhereTheyComeFrom() {
        assertThat(catalog.prices().regions()).contains("us-east-1", "us-west-2", "eu-west-1");
        for (String region : List.of("us-east-1", "us-west-2", "eu-west-1")) {
            assertThat(catalog.offer("ml.m5.large", region).orElseThrow().hourlyUsd()).isPositive();
            assertThat(catalog.offer("ml.g5.xlarge", region).orElseThrow().hourlyUsd()).isPositive();
        }
        assertThat(catalog.offer("ml.m5.large", "us-east-1").orElseThrow().hourlyUsd()).isEqualTo(0.115);
        assertThat(catalog.offer("ml.m5.large", "ap-south-2").orElseThrow().priced()).isFalse();
        assertThat(catalog.prices().asOf()).matches("\\d{4}-\\d{2}-\\d{2}");
        assertThat(catalog.prices().source()).contains("us-east-1").contains("tools/update_instance_prices.py");
        long priced = catalog.offers("us-east-1").stream().filter(InstanceOffer::priced).count();
        assertThat(priced).isGreaterThan(240);
    }

    @Test
    void biggerSizesOfAFamilyNeverCostLessThanSmallerOnes() {
        for (String family : List.of("ml.m5", "ml.c5", "ml.r6i", "ml.m7i")) {
            List<Double> prices = catalog.offers("us-east-1", new InstanceFilter(null, family, null, null, null)).stream()
                    .map(InstanceOffer::hourlyUsd).toList();
            assertThat(prices).as(family).isSorted();
        }
    }

    @Test
    void filtersNarrowByNameFamilyAcceleratorMemoryAndPrice() {
        var a10g = catalog.offers("us-east-1", new InstanceFilter("A10G", null, null, null, null));
        assertThat(a10g).extracting(InstanceOffer::name).contains("ml.g5.xlarge", "ml.g5.48xlarge").hasSize(8);

        var cheapBigGpus = catalog.offers("us-east-1",
                new InstanceFilter(null, null, AcceleratorKind.GPU, 64.0, 2.0));
        assertThat(cheapBigGpus).isNotEmpty().allSatisfy(offer -> {
            assertThat(offer.spec().hasGpu()).isTrue();
            assertThat(offer.spec().memoryGib()).isGreaterThanOrEqualTo(64.0);
            assertThat(offer.hourlyUsd()).isLessThanOrEqualTo(2.0);
        });
        assertThat(cheapBigGpus).extracting(InstanceOffer::name).contains("ml.g4dn.4xlarge").doesNotContain("ml.g5.xlarge");

        var family = catalog.offers("eu-west-1", new InstanceFilter(null, "ml.inf2", null, null, null));
        assertThat(family).extracting(InstanceOffer::name)
                .containsExactly("ml.inf2.xlarge", "ml.inf2.8xlarge", "ml.inf2.24xlarge", "ml.inf2.48xlarge");
    }

    @Test
    void costEstimateMultipliesByCountAndCountsAMonthAs730Hours() {
        CostEstimate cost = CostEstimate.of(catalog, "ml.m5.large", 2, "us-east-1");
        assertThat(cost.hourlyUsd()).isEqualTo(0.23);
        assertThat(cost.monthlyUsd()).isCloseTo(167.9, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(cost.describe()).startsWith("2 × ml.m5.large in us-east-1: $0.2300 an hour, $167.90 a month (730 h)");

        CostEstimate unknown = CostEstimate.of(catalog, "ml.m5.large", 1, "me-central-1");
        assertThat(unknown.known()).isFalse();
        assertThat(unknown.describe()).contains("no price in the catalog");
    }
}
