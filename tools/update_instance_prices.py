#!/usr/bin/env python3
"""Rewrites src/main/resources/catalog/instance-prices.csv from the AWS Price List.

Usage:
  python3 tools/update_instance_prices.py                      # downloads the offer file of each region
  python3 tools/update_instance_prices.py --offer us-east-1=FILE --offer eu-west-1=FILE ...

The AmazonSageMaker offer file of a region lists every product with its attributes; a real-time
endpoint instance is a product of family "ML Instance" whose usage type ends in "-Host:<type>"
(e.g. "USE1-Host:ml.m5.large"), priced per hour in its OnDemand terms. Types the API accepts but
the offer does not price stay empty, and the studio shows them as unknown.
"""
import argparse
import csv
import datetime
import io
import json
import os
import sys
import urllib.request

HERE = os.path.dirname(os.path.abspath(__file__))
CATALOG = os.path.join(HERE, "..", "src", "main", "resources", "catalog")
OFFER_URL = "https://pricing.us-east-1.amazonaws.com/offers/v1.0/aws/AmazonSageMaker/current/{region}/index.json"
REGIONS = ["us-east-1", "us-west-2", "eu-west-1"]


def instance_types():
    with open(os.path.join(CATALOG, "endpoint-instance-types.txt")) as f:
        return [line.strip() for line in f if line.strip() and not line.startswith("#")]


def hosting_prices(offer):
    """{instance type: USD per hour} for the endpoint (Hosting) products of one region's offer."""
    skus = {}
    for sku, product in offer.get("products", {}).items():
        usage = product.get("attributes", {}).get("usagetype", "")
        if product.get("productFamily") == "ML Instance" and "-Host:" in usage:
            skus[sku] = usage.split("-Host:", 1)[1]
    prices = {}
    for sku, terms in offer.get("terms", {}).get("OnDemand", {}).items():
        if sku not in skus:
            continue
        for term in terms.values():
            for dimension in term.get("priceDimensions", {}).values():
                usd = float(dimension.get("pricePerUnit", {}).get("USD", "0"))
                if dimension.get("unit", "").lower().startswith("hr") and usd > 0:
                    prices[skus[sku]] = usd
    return prices


def load_offer(region, path):
    if path:
        with open(path) as f:
            return json.load(f)
    with urllib.request.urlopen(OFFER_URL.format(region=region), timeout=120) as response:
        return json.load(response)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--offer", action="append", default=[], metavar="REGION=FILE",
                        help="use a downloaded offer file for a region instead of fetching it")
    args = parser.parse_args()
    files = dict(item.split("=", 1) for item in args.offer)
    regions = list(dict.fromkeys(REGIONS + list(files)))
    by_region = {region: hosting_prices(load_offer(region, files.get(region))) for region in regions}

    out = io.StringIO()
    out.write("# On-demand hourly price (USD) of one instance behind a SageMaker real-time endpoint (\"Hosting\"), "
              "per region.\n")
    out.write("# Source: AWS Price List, AmazonSageMaker offer files (usage type <REGION>-Host:<type>), "
              "read %s.\n" % datetime.date.today().isoformat())
    out.write("# An empty field: the offer has no price for the type in the region.\n")
    out.write("# Regenerate: python3 tools/update_instance_prices.py\n")
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["instance_type"] + regions)
    for name in instance_types():
        row = [name]
        for region in regions:
            price = by_region[region].get(name)
            row.append("" if price is None else "%.4f" % price)
        writer.writerow(row)
    with open(os.path.join(CATALOG, "instance-prices.csv"), "w") as f:
        f.write(out.getvalue())
    priced = sum(1 for name in instance_types() if name in by_region[regions[0]])
    print("priced %d of %d types in %s" % (priced, len(instance_types()), ", ".join(regions)), file=sys.stderr)


if __name__ == "__main__":
    main()
