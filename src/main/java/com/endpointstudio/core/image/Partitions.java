package com.endpointstudio.core.image;

import java.util.regex.Pattern;

/** The DNS suffix of a region's AWS partition, which the ECR host name of its images ends with. */
final class Partitions {

    private static final String[][] SUFFIXES = {
        {"^cn-\\w+-\\d+$", "amazonaws.com.cn"},
        {"^us-iso-\\w+-\\d+$", "c2s.ic.gov"},
        {"^us-isob-\\w+-\\d+$", "sc2s.sgov.gov"},
        {"^us-isof-\\w+-\\d+$", "csp.hci.ic.gov"},
        {"^eu-isoe-\\w+-\\d+$", "cloud.adc-e.uk"},
        {"^eusc-de-\\w+-\\d+$", "amazonaws.eu"},
    };

    private Partitions() {
    }

    /** {@code ecr.<region>.<suffix>}: commercial and GovCloud regions use amazonaws.com. */
    static String ecrHost(String region) {
        for (String[] partition : SUFFIXES) {
            if (Pattern.matches(partition[0], region)) {
                return "ecr." + region + "." + partition[1];
            }
        }
        return "ecr." + region + ".amazonaws.com";
    }
}
