package com.endpointstudio.core.connection;

import java.util.LinkedHashMap;
import java.util.Map;

/** Region codes offered in pickers (users may still type any other region code). */
public final class AwsRegions {

    private static final Map<String, String> NAMES = new LinkedHashMap<>();

    static {
        NAMES.put("us-east-1", "US East (N. Virginia)");
        NAMES.put("us-east-2", "US East (Ohio)");
        NAMES.put("us-west-1", "US West (N. California)");
        NAMES.put("us-west-2", "US West (Oregon)");
        NAMES.put("ca-central-1", "Canada (Central)");
        NAMES.put("ca-west-1", "Canada West (Calgary)");
        NAMES.put("mx-central-1", "Mexico (Central)");
        NAMES.put("sa-east-1", "South America (São Paulo)");
        NAMES.put("eu-west-1", "Europe (Ireland)");
        NAMES.put("eu-west-2", "Europe (London)");
        NAMES.put("eu-west-3", "Europe (Paris)");
        NAMES.put("eu-central-1", "Europe (Frankfurt)");
        NAMES.put("eu-central-2", "Europe (Zurich)");
        NAMES.put("eu-north-1", "Europe (Stockholm)");
        NAMES.put("eu-south-1", "Europe (Milan)");
        NAMES.put("eu-south-2", "Europe (Spain)");
        NAMES.put("af-south-1", "Africa (Cape Town)");
        NAMES.put("il-central-1", "Israel (Tel Aviv)");
        NAMES.put("me-south-1", "Middle East (Bahrain)");
        NAMES.put("me-central-1", "Middle East (UAE)");
        NAMES.put("ap-east-1", "Asia Pacific (Hong Kong)");
        NAMES.put("ap-south-1", "Asia Pacific (Mumbai)");
        NAMES.put("ap-south-2", "Asia Pacific (Hyderabad)");
        NAMES.put("ap-northeast-1", "Asia Pacific (Tokyo)");
        NAMES.put("ap-northeast-2", "Asia Pacific (Seoul)");
        NAMES.put("ap-northeast-3", "Asia Pacific (Osaka)");
        NAMES.put("ap-southeast-1", "Asia Pacific (Singapore)");
        NAMES.put("ap-southeast-2", "Asia Pacific (Sydney)");
        NAMES.put("ap-southeast-3", "Asia Pacific (Jakarta)");
        NAMES.put("ap-southeast-4", "Asia Pacific (Melbourne)");
        NAMES.put("ap-southeast-5", "Asia Pacific (Malaysia)");
        NAMES.put("ap-southeast-7", "Asia Pacific (Thailand)");
        NAMES.put("cn-north-1", "China (Beijing)");
        NAMES.put("cn-northwest-1", "China (Ningxia)");
        NAMES.put("us-gov-west-1", "AWS GovCloud (US-West)");
        NAMES.put("us-gov-east-1", "AWS GovCloud (US-East)");
    }

    private AwsRegions() {
    }

    public static Map<String, String> all() {
        return java.util.Collections.unmodifiableMap(NAMES);
    }

    public static String describe(String code) {
        String name = NAMES.get(code);
        return name == null ? code : code + " — " + name;
    }
}
