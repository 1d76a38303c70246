package com.endpointstudio.core.instance;

/**
 * What inferences cost, wherever a throughput or a duration is known. An instance bills by the
 * hour whatever it serves, so a million inferences cost its hourly price over the hours a million
 * take at the measured throughput. A serverless endpoint bills each request's duration by its
 * memory size: $0.00002 per GB-second in us-east-1 (SageMaker's Serverless Inference rates, 1024 MB
 * $0.0000200 a second to 6144 MB $0.0001200, as of 2026-11-25), rounded up to the millisecond. Both
 * add data processing, $0.016 per GB in and out.
 */
public final class InferenceCost {

    public static final double SERVERLESS_USD_PER_GB_SECOND = 0.00002;
    public static final double DATA_PROCESSED_USD_PER_GB = 0.016;
    private static final double MILLION = 1_000_000;

    private InferenceCost() {
    }

    /** A million inferences on instances costing {@code hourlyUsd} together, serving {@code requestsPerSecond}; null when either is unknown. */
    public static Double perMillion(Double hourlyUsd, Double requestsPerSecond) {
        if (hourlyUsd == null || requestsPerSecond == null || requestsPerSecond <= 0) {
            return null;
        }
        return hourlyUsd / (requestsPerSecond * 3600) * MILLION;
    }

    /** What a serverless endpoint of {@code memoryMb} charges a second while it serves a request. */
    public static double serverlessPerSecond(int memoryMb) {
        return SERVERLESS_USD_PER_GB_SECOND * memoryMb / 1024.0;
    }

    /** A million serverless inferences lasting {@code durationMs} each (billed to the millisecond), without data. */
    public static double serverlessPerMillion(int memoryMb, double durationMs) {
        return serverlessPerSecond(memoryMb) * Math.ceil(durationMs) / 1000.0 * MILLION;
    }

    /** Data processing of a million calls whose request and response together weigh {@code bytesPerCall}. */
    public static double dataPerMillion(long bytesPerCall) {
        return bytesPerCall * MILLION / 1e9 * DATA_PROCESSED_USD_PER_GB;
    }

    /** "about $12.34 per million inferences at 6144 MB and 180 ms each (+ $0.03 data processing)". */
    public static String describeServerless(int memoryMb, double durationMs, long bytesPerCall) {
        return "about " + Quantities.usd(serverlessPerMillion(memoryMb, durationMs)) + " per million inferences at "
                + memoryMb + " MB and " + Math.round(Math.ceil(durationMs)) + " ms each (+ "
                + Quantities.usd(dataPerMillion(bytesPerCall)) + " data processing for "
                + bytesPerCall + " bytes in and out)";
    }
}
