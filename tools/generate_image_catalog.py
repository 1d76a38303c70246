#!/usr/bin/env python3
"""Writes src/main/resources/catalog/image-uris.json from the SageMaker Python SDK's image
configuration files (inference scopes only, the frameworks the studio deploys).

Usage: python3 tools/generate_image_catalog.py ../shared/reference/image_uri_config

The output keeps the facts the image URI resolver needs — registries per region, repositories,
version aliases, Python versions, processors, container versions and tag prefixes — in the
studio's own layout, with each distinct region→account table stored once.
"""
import json
import os
import sys

SOURCE = ("aws/sagemaker-python-sdk, sagemaker-core/src/sagemaker/core/image_uri_config/*.json "
          "at commit a24812666d258d9d19c9a82d0c9385ca0bd3ba01 (2026-08-21)")
FRAMEWORKS = ["pytorch", "tensorflow", "mxnet", "sklearn", "xgboost", "huggingface",
              "huggingface-neuronx"]
SCOPES = ["inference", "inference_graviton"]
CONFIG_KEYS = {"registries", "repository", "py_versions", "processors", "container_version", "tag_prefix",
               "sdk_versions"}

registry_sets = []


def registry_index(registries):
    ordered = dict(sorted(registries.items()))
    if ordered not in registry_sets:
        registry_sets.append(ordered)
    return registry_sets.index(ordered)


def version_config(config):
    if "registries" in config or "repository" in config:
        out = {}
        if "repository" in config:
            out["repository"] = config["repository"]
        for key, name in (("py_versions", "py"), ("processors", "processors"),
                          ("container_version", "containerVersion"), ("tag_prefix", "tagPrefix"),
                          ("sdk_versions", "sdkVersions")):
            if key in config:
                out[name] = config[key]
        out["registries"] = registry_index(config["registries"])
        return out
    # older configs put a level keyed by Python version in between
    return {"byPy": {py: version_config(inner) for py, inner in config.items() if isinstance(inner, dict)}}


def huggingface_version(config):
    bases = {k: version_config(v) for k, v in config.items() if k != "version_aliases" and isinstance(v, dict)}
    return {"baseAliases": config.get("version_aliases", {}), "bases": bases}


def scope(framework, config):
    out = {}
    if "processors" in config:
        out["processors"] = config["processors"]
    out["aliases"] = config.get("version_aliases", {})
    convert = huggingface_version if framework.startswith("huggingface") else version_config
    out["versions"] = {version: convert(cfg) for version, cfg in config["versions"].items()}
    return out


def main(folder):
    frameworks = {}
    for name in FRAMEWORKS:
        with open(os.path.join(folder, name + ".json")) as f:
            data = json.load(f)
        scopes = {s: scope(name, data[s]) for s in SCOPES if s in data}
        if scopes:
            frameworks[name] = scopes
    catalog = {
        "about": "SageMaker framework inference images: registries, repositories and tag rules.",
        "source": SOURCE,
        "generatedBy": "tools/generate_image_catalog.py",
        "frameworks": frameworks,
        "registrySets": registry_sets,
    }
    target = os.path.join(os.path.dirname(__file__), "..", "src", "main", "resources", "catalog", "image-uris.json")
    with open(target, "w") as f:
        json.dump(catalog, f, indent=1, sort_keys=False)
        f.write("\n")
    print(f"wrote {os.path.normpath(target)}: {len(frameworks)} frameworks, {len(registry_sets)} registry tables")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), "..", "..", "shared",
                                                               "reference", "image_uri_config"))
