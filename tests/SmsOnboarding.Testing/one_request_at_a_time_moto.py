"""moto_server's app, answering one request at a time.

DynamoDB documents every conditional write as atomic on its item and TransactWriteItems as serializable. moto's
DynamoDB backend reads, checks the condition and writes with no lock, and moto_server runs each request on its own
thread, so two racing conditional writes can both succeed there (and a racing transaction can fail with a 500).
Tests that race our conditional writes must race them against DynamoDB's guarantee, not against moto's threads:
requests still arrive concurrently, on many connections, and are answered whole, one after another.

Usage: python3 one_request_at_a_time_moto.py HOST PORT
"""
import os
import sys
import threading

from werkzeug.serving import run_simple
from moto.moto_server.werkzeug_app import DomainDispatcherApplication, create_backend_app

host, port = sys.argv[1], int(sys.argv[2])
os.environ.setdefault("MOTO_PORT", str(port))

moto_app = DomainDispatcherApplication(create_backend_app)
one_at_a_time = threading.Lock()


def app(environ, start_response):
    with one_at_a_time:
        body = moto_app(environ, start_response)
        try:
            return [b"".join(body)]
        finally:
            if hasattr(body, "close"):
                body.close()


run_simple(host, port, app, threaded=True)
