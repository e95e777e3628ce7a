"""What the Python client sessions share: the site they are given and the step report.

A session script runs its steps in order. Each step is a function decorated with
``@session.step(name, needs=...)``: the decorator runs it at once and records whether it
passed, failed (with the client's error or the failed check) or was skipped because a step it
needs did not pass; the name then holds what the function returned (None unless it passed).
At the end ``session.finish()`` prints the report as one JSON line for the C# test to read.
"""

import json
import os
import sys
import time


class Site:
    """The cloud under test, from the EC2_* variables the C# test sets."""

    def __init__(self):
        env = os.environ
        self.url = env["EC2_URL"]
        self.host = env["EC2_HOST"]
        self.port = int(env["EC2_PORT"])
        self.region = env["EC2_REGION"]
        self.zone = env["EC2_ZONE"]
        self.access_key = env["EC2_ACCESS_KEY"]
        self.secret_key = env["EC2_SECRET_KEY"]
        self.image = env["EC2_IMAGE"]
        self.prefix = env["EC2_PREFIX"]
        self.public_key = env["EC2_PUBLIC_KEY"]
        self.public_key_fingerprint = env["EC2_PUBLIC_KEY_FINGERPRINT"]
        self.boot_line = env["EC2_BOOT_LINE"]

    def name(self, what):
        """A name for a resource of this session, unique on the site."""
        return self.prefix + "-" + what

    def boot_text(self, instance_id):
        """What the instance prints on its console at boot."""
        return self.boot_line.replace("{instance}", instance_id)

    def boto2_ec2(self, signature_v2=True):
        """A boto 2 EC2 connection to this site, signing with Signature V2 (HmacSHA256), or with boto's own choice."""
        from boto.ec2.connection import EC2Connection
        from boto.ec2.regioninfo import RegionInfo

        class SignatureV2Connection(EC2Connection):
            def _required_auth_capability(self):
                return ["sign-v2"]

        kind = SignatureV2Connection if signature_v2 else EC2Connection
        return kind(self.access_key, self.secret_key, region=RegionInfo(name=self.region, endpoint=self.host),
                    port=self.port, path="/", is_secure=False)

    def boto3_ec2(self):
        """A boto3 EC2 client for this site that sends each call once (no retries to hide an error)."""
        import boto3
        from botocore.config import Config

        return boto3.client(
            "ec2",
            endpoint_url=self.url,
            region_name=self.region,
            aws_access_key_id=self.access_key,
            aws_secret_access_key=self.secret_key,
            config=Config(retries={"total_max_attempts": 1}),
        )


class Session:
    def __init__(self, client):
        self.client = client
        self.steps = []
        self._not_passed = set()

    def step(self, name, needs=()):
        def run(fn):
            missing = [n for n in needs if n in self._not_passed]
            if missing:
                return self._record(name, "skipped", "needs " + ", ".join(missing))
            started = time.monotonic()
            try:
                result = fn()
            except Exception as error:  # the client's error is the step's outcome
                return self._record(name, "failed", describe(error), started)
            self._record(name, "passed", "", started)
            return result

        return run

    def _record(self, name, outcome, detail, started=None):
        entry = {"name": name, "outcome": outcome, "detail": detail}
        if started is not None:
            entry["seconds"] = round(time.monotonic() - started, 3)
        self.steps.append(entry)
        if outcome != "passed":
            self._not_passed.add(name)
        return None

    def passed(self, name):
        return any(s["name"] == name and s["outcome"] == "passed" for s in self.steps)

    def cleanup(self, what, fn):
        """Best-effort cleanup after a failed session; never hides the first failure."""
        try:
            fn()
        except Exception as error:
            print("cleanup %s: %s" % (what, describe(error)), file=sys.stderr)

    def finish(self):
        sys.stdout.flush()
        print(json.dumps({"client": self.client, "steps": self.steps}))
        sys.stdout.flush()
        return 0 if not self._not_passed else 1


def describe(error):
    code = getattr(error, "error_code", None)  # boto 2 keeps the EC2 error apart from the XML
    if code:
        text = "%s %s (HTTP %s): %s" % (type(error).__name__, code, getattr(error, "status", "?"), getattr(error, "error_message", ""))
    else:
        text = "%s: %s" % (type(error).__name__, error)
    text = " ".join(text.split())
    return text if len(text) <= 800 else text[:800] + "..."


def error_code(call):
    """The EC2 error code a boto3 or boto 2 call is refused with, or None when it succeeds."""
    try:
        call()
    except Exception as error:
        # boto 2 keeps the code apart from the XML; boto3 in its parsed response.
        code = getattr(error, "error_code", None) or getattr(error, "response", {}).get("Error", {}).get("Code")
        if code is None:
            raise
        return code
    return None


def equal(actual, expected, what):
    if actual != expected:
        raise AssertionError("%s: expected %r, got %r" % (what, expected, actual))


def check(condition, message):
    if not condition:
        raise AssertionError(message)


def wait_for(what, probe, seconds=30, interval=0.25):
    """Polls probe(), which answers (done, seen), until done; fails with the last thing seen."""
    deadline = time.monotonic() + seconds
    seen = None
    while time.monotonic() < deadline:
        done, seen = probe()
        if done:
            return seen
        time.sleep(interval)
    raise AssertionError("%s: not reached in %d s (last seen: %r)" % (what, seconds, seen))
