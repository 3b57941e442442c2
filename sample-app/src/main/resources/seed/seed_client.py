#!/usr/bin/env python3
"""The seed's Python client (seeds/004), against the sample's legacy /Health/check.

Usage: python3 seed_client.py [host:port] [service]   (defaults: 127.0.0.1:9090 test)

Needs grpcio and grpcio-tools (Debian: apt install python3-grpcio python3-grpc-tools).
It generates the stubs from the seed's health.proto next to it, as the seed did with
`python -m grpc_tools.protoc`. One change from the seed: it calls `client.check`, the
method name its proto declares; the seed's `client.Check` does not exist in the stub.
"""
import os
import sys
import tempfile

import grpc
from grpc_tools import protoc

here = os.path.dirname(os.path.abspath(__file__))
generated = tempfile.mkdtemp(prefix="seed-health-")
if protoc.main(["protoc", "-I" + here, "--python_out=" + generated,
                "--grpc_python_out=" + generated, os.path.join(here, "health.proto")]) != 0:
    sys.exit("could not generate the stubs from health.proto")
sys.path.insert(0, generated)

import health_pb2  # noqa: E402
import health_pb2_grpc  # noqa: E402

target = sys.argv[1] if len(sys.argv) > 1 else "127.0.0.1:9090"
service = sys.argv[2] if len(sys.argv) > 2 else "test"

conn = grpc.insecure_channel(target)
client = health_pb2_grpc.HealthStub(channel=conn)
request = health_pb2.HealthCheckRequest(service=service)
try:
    response = client.check(request, timeout=5)
except grpc.RpcError as error:
    # the seed's advice: report the code and the details
    print("check failed: %s %s" % (error.code().name, error.details()))
    sys.exit(2)
print("check grpc health status successful! %s"
      % health_pb2.HealthCheckResponse.ServingStatus.Name(response.status))
