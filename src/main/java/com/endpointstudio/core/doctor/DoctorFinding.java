package com.endpointstudio.core.doctor;

import com.endpointstudio.core.packaging.Severity;

/**
 * One thing the doctor found about a model before it is deployed: how much it matters, what it is
 * about, why the container or SageMaker will care, where that rule comes from, and what to do.
 *
 * @param check   which family of checks found it
 * @param subject the archive path or spec field it is about ("" for the model as a whole)
 * @param source  where the rule is written: a container's source file and line, or the Developer Guide page
 * @param fix     what to change, or "" when the message says it
 */
public record DoctorFinding(Severity severity, Check check, String subject, String message, String source, String fix) {

    public DoctorFinding {
        subject = subject == null ? "" : subject;
        source = source == null ? "" : source;
        fix = fix == null ? "" : fix;
    }

    public static DoctorFinding error(Check check, String subject, String message, String source, String fix) {
        return new DoctorFinding(Severity.ERROR, check, subject, message, source, fix);
    }

    public static DoctorFinding warning(Check check, String subject, String message, String source, String fix) {
        return new DoctorFinding(Severity.WARNING, check, subject, message, source, fix);
    }

    public static DoctorFinding info(Check check, String subject, String message, String source) {
        return new DoctorFinding(Severity.INFO, check, subject, message, source, "");
    }

    /** The families of checks, in the order a report lists them. */
    public enum Check {
        DATA("model data"),
        LAYOUT("layout"),
        HANDLERS("handlers"),
        IMPORTS("imports"),
        INSTANCE("instance"),
        SIZE("size"),
        PAYLOAD("payload");

        private final String label;

        Check(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    @Override
    public String toString() {
        return severity.name().toLowerCase(java.util.Locale.ROOT) + " " + check.label() + " "
                + (subject.isEmpty() ? "" : subject + ": ") + message;
    }
}
