package com.endpointstudio.core.instance;

import java.math.BigDecimal;
import java.text.NumberFormat;
import java.util.Locale;

/** How the catalog writes sizes and money. */
public final class Quantities {

    private Quantities() {
    }

    /** 16 → "16", 3.75 → "3.75". */
    public static String gib(double gib) {
        return BigDecimal.valueOf(gib).stripTrailingZeros().toPlainString();
    }

    /** Dollars with cents, or with four decimals under a dollar an hour: "$0.1150", "$1,028.13". */
    public static String usd(double amount) {
        NumberFormat format = NumberFormat.getCurrencyInstance(Locale.US);
        int decimals = amount < 1 ? 4 : 2;
        format.setMinimumFractionDigits(decimals);
        format.setMaximumFractionDigits(decimals);
        return format.format(amount);
    }
}
