#!/usr/bin/env python3
"""Writes src/main/resources/deploy/api-rules.json: the constraints (type, min, max, pattern, enum,
required) of every request member of the calls a deployment or a batch transform makes, read from
the service models that botocore ships.

Usage: python3 tools/generate_api_rules.py [BOTOCORE_DATA_DIR]

Without an argument the models come from the installed botocore (pip install botocore). Each member
is keyed by its path in the request, e.g. CreateModel.PrimaryContainer.Environment{value} or
CreateEndpointConfig.ProductionVariants[].InstanceType: [] stands for a list's members, {key} and
{value} for a map's. The studio's validator reads this file; it never copies a limit by hand.
"""
import datetime
import gzip
import json
import os
import sys

OPERATIONS = {
    ("sagemaker", "2017-07-24"): ["CreateModel", "CreateEndpointConfig", "CreateEndpoint", "CreateTransformJob",
                                  "CreateInferenceComponent", "UpdateInferenceComponentRuntimeConfig"],
    ("application-autoscaling", "2016-02-06"): ["RegisterScalableTarget", "PutScalingPolicy"],
}
CONSTRAINTS = ("min", "max", "pattern", "enum")
OUTPUT = os.path.join(os.path.dirname(__file__), "..", "src", "main", "resources", "deploy", "api-rules.json")


def data_dir():
    if len(sys.argv) > 1:
        return sys.argv[1], "botocore data folder " + sys.argv[1]
    import botocore
    return (os.path.join(os.path.dirname(botocore.__file__), "data"),
            "botocore %s (pip package), data/<service>/<version>/service-2.json" % botocore.__version__)


def load(root, service, version):
    folder = os.path.join(root, service, version)
    for name, opener in (("service-2.json", open), ("service-2.json.gz", gzip.open)):
        path = os.path.join(folder, name)
        if os.path.exists(path):
            with opener(path, "rt", encoding="utf-8") as handle:
                return json.load(handle)
    sys.exit("No service model for %s %s under %s" % (service, version, folder))


def walk(model, shape_name, path, required, seen, rules):
    shape = model["shapes"][shape_name]
    rule = {"type": shape["type"]}
    for key in CONSTRAINTS:
        if key in shape:
            rule[key] = shape[key]
    if required:
        rule["required"] = True
    rules[path] = rule
    if shape_name in seen:  # recursive shapes: the first level is enough for a request we build
        return
    seen = seen | {shape_name}
    if shape["type"] == "structure":
        needed = set(shape.get("required", []))
        for member, ref in shape["members"].items():
            walk(model, ref["shape"], path + "." + member, member in needed, seen, rules)
    elif shape["type"] == "list":
        walk(model, shape["member"]["shape"], path + "[]", False, seen, rules)
    elif shape["type"] == "map":
        walk(model, shape["key"]["shape"], path + "{key}", False, seen, rules)
        walk(model, shape["value"]["shape"], path + "{value}", False, seen, rules)


def main():
    root, source = data_dir()
    rules = {}
    for (service, version), operations in OPERATIONS.items():
        model = load(root, service, version)
        for operation in operations:
            walk(model, model["operations"][operation]["input"]["shape"], operation, False, frozenset(), rules)
    document = {
        "source": source + "; services " + ", ".join("%s %s" % key for key in OPERATIONS),
        "generated": datetime.date.today().isoformat(),
        "rules": dict(sorted(rules.items())),
    }
    os.makedirs(os.path.dirname(OUTPUT), exist_ok=True)
    with open(OUTPUT, "w", encoding="utf-8") as handle:
        json.dump(document, handle, indent=1, ensure_ascii=True)
        handle.write("\n")
    print("Wrote %d rules to %s" % (len(rules), os.path.normpath(OUTPUT)))


if __name__ == "__main__":
    main()
