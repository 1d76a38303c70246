"""Sends a fixture's cases to a Local endpoint with boto3's SageMaker runtime client, as a user's
script would, and writes what came back (answer or ModelError) as JSON.

    python client.py ENDPOINT_URL ENDPOINT_NAME cases.json results.json
"""
import base64
import io
import json
import sys

import boto3
from botocore.config import Config
from botocore.exceptions import ClientError

EXPLANATION = "x-endpoint-studio-explanation"


def body_of(request):
    if "npy" in request:
        import numpy as np
        spec = request["npy"]
        buffer = io.BytesIO()
        np.save(buffer, np.asarray(spec["data"], dtype=spec["dtype"]))
        return buffer.getvalue()
    return request.get("body", "").encode("utf-8")


def main(url, endpoint, cases_file, results_file):
    runtime = boto3.client("sagemaker-runtime", endpoint_url=url, region_name="us-east-1",
                           aws_access_key_id="local", aws_secret_access_key="local",
                           config=Config(retries={"max_attempts": 1, "mode": "standard"}, read_timeout=120))
    with open(cases_file) as f:
        cases = json.load(f)
    results = {}
    for case in cases:
        request = case["request"]
        arguments = {"EndpointName": endpoint, "Body": body_of(request)}
        if "contentType" in request:
            arguments["ContentType"] = request["contentType"]
        if "accept" in request:
            arguments["Accept"] = request["accept"]
        if "customAttributes" in request:
            arguments["CustomAttributes"] = request["customAttributes"]
        try:
            response = runtime.invoke_endpoint(**arguments)
            body = response["Body"].read()
            headers = response["ResponseMetadata"]["HTTPHeaders"]
            results[case["name"]] = {"status": 200, "contentType": response.get("ContentType"),
                                     "body": body.decode("utf-8", "replace"),
                                     "bodyBase64": base64.b64encode(body).decode("ascii"),
                                     "why": headers.get(EXPLANATION)}
        except ClientError as e:
            error = e.response
            headers = error.get("ResponseMetadata", {}).get("HTTPHeaders", {})
            results[case["name"]] = {"error": error["Error"]["Code"], "status": error.get("OriginalStatusCode"),
                                     "body": error.get("OriginalMessage") or error["Error"].get("Message"),
                                     "why": headers.get(EXPLANATION)}
    with open(results_file, "w") as f:
        json.dump(results, f, indent=1)


if __name__ == "__main__":
    main(*sys.argv[1:5])
