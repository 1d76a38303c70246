package com.endpointstudio.ui.layout;

/**
 * One screen state or dialog the layout audit opens: a file name for its screenshots, a caption
 * for the README gallery (null keeps it out of the gallery), and how to get there from wherever
 * the audit is. A dialog's {@code open} leaves the dialog showing; the audit closes it.
 */
record AuditedView(String name, String caption, boolean dialog, Step open) {

    @FunctionalInterface
    interface Step {
        void run(AuditContext studio) throws Exception;
    }

    static AuditedView screen(String name, String caption, Step open) {
        return new AuditedView(name, caption, false, open);
    }

    static AuditedView dialog(String name, String caption, Step open) {
        return new AuditedView(name, caption, true, open);
    }
}
