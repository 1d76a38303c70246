package com.endpointstudio.core.doctor;

import com.endpointstudio.core.packaging.Severity;
import java.util.Comparator;
import java.util.List;

/**
 * What the doctor found about one model (one container of a spec, one archive, one model of a
 * multi-model prefix), errors first.
 *
 * @param subject what was examined, e.g. "model.tar.gz for PyTorch 2.1 on ml.m5.large"
 */
public record DoctorReport(String subject, List<DoctorFinding> findings) {

    public DoctorReport {
        findings = findings.stream().sorted(Comparator.comparing(DoctorFinding::severity)
                .thenComparing(DoctorFinding::check)).toList();
    }

    public boolean hasErrors() {
        return count(Severity.ERROR) > 0;
    }

    public long count(Severity severity) {
        return findings.stream().filter(f -> f.severity() == severity).count();
    }

    /** "2 errors, 1 warning, 3 notes". */
    public String summary() {
        return plural(count(Severity.ERROR), "error") + ", " + plural(count(Severity.WARNING), "warning") + ", "
                + plural(count(Severity.INFO), "note");
    }

    static String plural(long n, String word) {
        return n + " " + word + (n == 1 ? "" : "s");
    }
}
