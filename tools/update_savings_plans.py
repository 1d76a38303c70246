#!/usr/bin/env python3
"""Rewrites src/main/resources/catalog/savings-plans.csv from the AWS Price List.

Usage:
  python3 tools/update_savings_plans.py                         # downloads each region's plan rates
  python3 tools/update_savings_plans.py --rates us-east-1=FILE ...

The AWSMachineLearningSavingsPlans price list of a region has a product per plan (attributes
purchaseTerm "1yr"/"3yr" and purchaseOption "No Upfront"/"Partial Upfront"/"All Upfront") and, in
terms.savingsPlan, the plan's discounted rate for each usage type it covers. An endpoint instance
is the usage type "<REGION>-Host:<type>", whose on-demand price is in instance-prices.csv (update
that first). Each type's rate is divided by its on-demand price; the file keeps, per family prefix,
the median of those fractions over the types and regions, as plans discount a family alike.
"""
import argparse
import csv
import datetime
import io
import json
import os
import statistics
import sys
import urllib.request

HERE = os.path.dirname(os.path.abspath(__file__))
CATALOG = os.path.join(HERE, "..", "src", "main", "resources", "catalog")
INDEX_URL = ("https://pricing.us-east-1.amazonaws.com/savingsPlan/v1.0/aws/AWSMachineLearningSavingsPlans/current/"
             "region_index.json")
REGIONS = ["us-east-1", "us-west-2", "eu-west-1"]
OPTIONS = [("1yr", "No Upfront"), ("1yr", "Partial Upfront"), ("1yr", "All Upfront"),
           ("3yr", "No Upfront"), ("3yr", "Partial Upfront"), ("3yr", "All Upfront")]
COLUMNS = ["1yr_no_upfront", "1yr_partial_upfront", "1yr_all_upfront",
           "3yr_no_upfront", "3yr_partial_upfront", "3yr_all_upfront"]


def on_demand():
    """{region: {type: USD per hour}} from instance-prices.csv."""
    with open(os.path.join(CATALOG, "instance-prices.csv")) as f:
        rows = list(csv.reader(line for line in f if not line.startswith("#")))
    regions = rows[0][1:]
    prices = {region: {} for region in regions}
    for row in rows[1:]:
        for region, cell in zip(regions, row[1:]):
            if cell:
                prices[region][row[0]] = float(cell)
    return prices


def families():
    with open(os.path.join(CATALOG, "savings-plans.csv")) as f:
        rows = list(csv.reader(line for line in f if not line.startswith("#")))
    return [row[0] for row in rows[1:]]


def family_of(instance_type, prefixes):
    family = instance_type.rsplit(".", 1)[0]
    matches = [p for p in prefixes if p != "*" and family.startswith(p)]
    return max(matches, key=len) if matches else "*"


def plan_fractions(rates, prices):
    """[(option, type, fraction of on-demand)] for the Host usage types of one region's rate file."""
    options = {}
    for product in rates.get("products", []):
        attributes = product.get("attributes", {})
        options[product.get("sku")] = (attributes.get("purchaseTerm"), attributes.get("purchaseOption"))
    found = []
    for term in rates.get("terms", {}).get("savingsPlan", []):
        option = options.get(term.get("sku"))
        if option not in OPTIONS:
            continue
        for rate in term.get("rates", []):
            usage = rate.get("discountedUsageType", "")
            if "-Host:" not in usage:
                continue
            instance_type = usage.split("-Host:", 1)[1]
            price = float(rate.get("discountedRate", {}).get("price", "0"))
            if instance_type in prices and price > 0:
                found.append((option, instance_type, price / prices[instance_type]))
    return found


def load_rates(region, path):
    if path:
        with open(path) as f:
            return json.load(f)
    with urllib.request.urlopen(INDEX_URL, timeout=120) as response:
        index = json.load(response)
    entry = next(r for r in index["regions"] if r["regionCode"] == region)
    url = "https://pricing.us-east-1.amazonaws.com" + entry["versionUrl"]
    with urllib.request.urlopen(url, timeout=300) as response:
        return json.load(response)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rates", action="append", default=[], metavar="REGION=FILE",
                        help="use a downloaded rate file for a region instead of fetching it")
    args = parser.parse_args()
    files = dict(item.split("=", 1) for item in args.rates)
    regions = list(files) if files else REGIONS
    prices = on_demand()
    prefixes = families()
    samples = {(family, option): [] for family in prefixes for option in OPTIONS}
    for region in regions:
        for option, instance_type, fraction in plan_fractions(load_rates(region, files.get(region)),
                                                               prices.get(region, {})):
            samples[(family_of(instance_type, prefixes), option)].append(fraction)

    out = io.StringIO()
    out.write("# What a SageMaker Savings Plan charges for an endpoint instance, as a fraction of its on-demand "
              "hourly price,\n# per instance family prefix (the longest matching prefix applies; * is every other "
              "family).\n")
    out.write("# Source: AWS Price List, AWSMachineLearningSavingsPlans rates for usage types <REGION>-Host:<type> "
              "in %s,\n# divided by instance-prices.csv; the median per family; read %s.\n"
              % (", ".join(regions), datetime.date.today().isoformat()))
    out.write("# A plan commits to dollars an hour, not to instances: it covers any family, size and region.\n")
    out.write("# Regenerate: python3 tools/update_savings_plans.py\n")
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["family"] + COLUMNS)
    missing = []
    for family in prefixes:
        row = [family]
        for option in OPTIONS:
            values = samples[(family, option)] or [v for (f, o), vs in samples.items() if o == option for v in vs]
            if not samples[(family, option)]:
                missing.append("%s %s %s" % (family, *option))
            row.append("%.2f" % statistics.median(values) if values else "")
        writer.writerow(row)
    with open(os.path.join(CATALOG, "savings-plans.csv"), "w") as f:
        f.write(out.getvalue())
    if missing:
        print("no rates for %s: the median of all families is used" % "; ".join(missing), file=sys.stderr)


if __name__ == "__main__":
    main()
