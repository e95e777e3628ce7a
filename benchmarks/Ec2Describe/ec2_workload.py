#!/usr/bin/env python3
"""The boto3 side of the EC2 DescribeInstances benchmark.

One phase per run, against any EC2 Query endpoint (StandardsCloud's, moto_server's), so that the
same client code measures both. The harness (Ec2Describe) starts the targets, runs the phases in
order and sets the CPU the target spent against each; this program only drives boto3 and times it.

  launch      RunInstances up to --instances: first single-instance calls, then MaxCount batches
  filtered    DescribeInstances with one filter, one call at a time (latency)
  page        DescribeInstances with MaxResults, the first page, one call at a time (latency)
  throughput  DescribeInstances from several threads for a fixed time (--kind filtered|listing);
              with --replay the target answers each kind of call once, and from then on botocore
              is handed that answer without sending anything: what boto3 alone can drive here

The launch phase writes the instances it made to --state; the later phases read it. Each phase
writes its figures as JSON to --result.

Every call is timed twice: the whole boto3 call as an application sees it, and "on the wire", from
the moment botocore has built and signed the request and starts sending it ("before-send") to the
moment the whole answer has been read ("before-parse"), which is the part the server is answerable
for. With --no-parse the answer is still read in full and its instances counted, but botocore is
handed an empty DescribeInstances document to parse: turning a large answer into Python objects
costs the client far more than the server spends writing it (see the README).
"""

import argparse
import json
import math
import random
import sys
import threading
import time

import boto3
from botocore.awsrequest import AWSResponse
from botocore.config import Config
from botocore.exceptions import BotoCoreError, ClientError

# What botocore parses instead of the real answer under --no-parse.
EMPTY_DESCRIBE = (
    b'<?xml version="1.0" encoding="UTF-8"?>'
    b'<DescribeInstancesResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/">'
    b"<requestId>0</requestId><reservationSet></reservationSet></DescribeInstancesResponse>"
)

# Every DescribeInstances answer names each of its instances in exactly one <instanceId> element.
INSTANCE_TAG = b"<instanceId>"

# Calls of each kind made before a latency phase starts timing (connection set-up, server warm-up).
WARM_UP_CALLS = 2


def main():
    args = parse_arguments()
    phases = {"launch": launch, "filtered": filtered, "page": page, "throughput": throughput}
    started = time.process_time()
    result = phases[args.phase](args)
    result["phase"] = args.phase
    result["client_cpu_sec"] = time.process_time() - started
    with open(args.result, "w", encoding="utf-8") as out:
        json.dump(result, out, indent=1)
    return 0


def parse_arguments():
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("phase", choices=["launch", "filtered", "page", "throughput"])
    p.add_argument("--endpoint", required=True, help="EC2 Query endpoint, e.g. http://127.0.0.1:18101/")
    p.add_argument("--region", required=True)
    p.add_argument("--access-key", required=True)
    p.add_argument("--secret-key", required=True)
    p.add_argument("--state", required=True, help="JSON file of the launched instances (written by launch)")
    p.add_argument("--result", required=True, help="where this phase's figures go, as JSON")
    p.add_argument("--read-timeout", type=float, default=300)
    # launch
    p.add_argument("--instances", type=int, default=1000)
    p.add_argument("--single-calls", type=int, default=None, help="single-instance calls (default: 5%% of --instances)")
    p.add_argument("--batch", type=int, default=100, help="MaxCount of the batch calls")
    p.add_argument("--image-id", default=None, help="default: the first of describe_images(Owners=['amazon'])")
    p.add_argument("--instance-type", default="t1.micro")
    p.add_argument("--subset-type", default="m1.small", help="type of the 1%% subset the instance-type filter selects")
    # filtered, page, throughput
    p.add_argument("--repeats", type=int, default=500, help="calls of each kind (filtered, page)")
    p.add_argument("--max-seconds", type=float, default=40, help="stop a latency phase after this long")
    p.add_argument("--page-size", type=int, default=1000)
    p.add_argument("--threads", type=int, default=4)
    p.add_argument("--seconds", type=float, default=15, help="length of a throughput phase")
    p.add_argument("--kind", choices=["filtered", "listing"], default="filtered")
    p.add_argument("--no-parse", action="store_true", help="read answers in full but let botocore parse an empty one")
    p.add_argument("--replay", action="store_true", help="throughput: send each kind of call once, then replay its answer")
    return p.parse_args()


class TimedClient:
    """One boto3 EC2 client (one per thread: clients are not shared) that times each call."""

    def __init__(self, args, parse=True):
        session = boto3.session.Session()
        self.ec2 = session.client(
            "ec2",
            endpoint_url=args.endpoint,
            region_name=args.region,
            aws_access_key_id=args.access_key,
            aws_secret_access_key=args.secret_key,
            # No retries: a failed call counts as failed, and every call is one request.
            config=Config(retries={"total_max_attempts": 1}, connect_timeout=10, read_timeout=args.read_timeout),
        )
        self.parse = parse
        self.replaying = None
        self._sent_at = 0.0
        self.wire_s = 0.0
        self.answer_bytes = 0
        self.answer_instances = 0
        events = self.ec2.meta.events
        events.register("before-send.ec2", self._on_send)
        events.register("before-parse.ec2", self._on_answer)

    def _on_send(self, request, **_):
        self._sent_at = time.perf_counter()
        if self.replaying is not None:
            # An answer returned here is used as if the target had sent it; nothing is sent.
            status, headers, body = self.replaying
            return AWSResponse(request.url, status, headers, Recorded(body))
        return None

    def record(self, operation, **params):
        """Makes one real call; returns its answer as (status, headers, body) for replay."""
        recorded = {}

        def keep(response_dict, **_):
            recorded["answer"] = (response_dict["status_code"], dict(response_dict["headers"]), response_dict["body"])

        self.ec2.meta.events.register_first("before-parse.ec2", keep)
        try:
            getattr(self.ec2, operation)(**params)
        finally:
            self.ec2.meta.events.unregister("before-parse.ec2", keep)
        return recorded["answer"]

    def _on_answer(self, operation_model, response_dict, **_):
        self.wire_s = time.perf_counter() - self._sent_at
        body = response_dict["body"]
        self.answer_bytes = len(body)
        self.answer_instances = body.count(INSTANCE_TAG)
        if not self.parse and operation_model.name == "DescribeInstances" and response_dict["status_code"] < 300:
            response_dict["body"] = EMPTY_DESCRIBE

    def call(self, operation, **params):
        """Runs one call; returns (answer or None, seconds, wire seconds, error text or None)."""
        self.wire_s = math.nan
        started = time.perf_counter()
        try:
            answer = getattr(self.ec2, operation)(**params)
            error = None
        except ClientError as e:
            answer, error = None, f"{e.response.get('Error', {}).get('Code')}: {e.response.get('Error', {}).get('Message')}"
        except BotoCoreError as e:
            answer, error = None, f"{type(e).__name__}: {e}"
        return answer, time.perf_counter() - started, self.wire_s, error


class Series:
    """The calls of one kind: latencies, instances answered, errors."""

    def __init__(self, name, threads=1):
        self.name = name
        self.threads = threads
        self.latency = []
        self.wire = []
        self.instances = 0
        self.answer_bytes = 0
        self.errors = 0
        self.wrong_answers = 0
        self.first_error = None
        self.seconds = 0.0
        self.client_cpu = 0.0
        self._lock = threading.Lock()

    def add(self, seconds, wire, instances, answer_bytes, error=None, expected=None):
        with self._lock:
            if error is not None:
                self.errors += 1
                self.first_error = self.first_error or error
                return
            self.latency.append(seconds * 1000)
            if not math.isnan(wire):
                self.wire.append(wire * 1000)
            self.instances += instances
            self.answer_bytes += answer_bytes
            if expected is not None and instances != expected:
                self.wrong_answers += 1
                self.first_error = self.first_error or f"answered {instances} instances, expected {expected}"

    def figures(self):
        calls = len(self.latency)
        return {
            "name": self.name,
            "threads": self.threads,
            "calls": calls,
            "instances": self.instances,
            "errors": self.errors,
            "wrong_answers": self.wrong_answers,
            "first_error": self.first_error,
            "seconds": self.seconds,
            "calls_per_sec": calls / self.seconds if self.seconds > 0 else None,
            "instances_per_sec": self.instances / self.seconds if self.seconds > 0 else None,
            "answer_bytes": self.answer_bytes / calls if calls else None,
            "client_cpu_sec": self.client_cpu,
            "latency_ms": summary(self.latency),
            "wire_ms": summary(self.wire),
        }


class Recorded:
    """A recorded answer body, in the shape botocore reads an HTTP answer's body."""

    def __init__(self, body):
        self.body = body

    def stream(self, **_):
        yield self.body


def summary(values):
    """Nearest-rank percentiles, as the launch-storm harness computes them."""
    if not values:
        return None
    ordered = sorted(values)

    def rank(p):
        return ordered[min(max(math.ceil(p * len(ordered)) - 1, 0), len(ordered) - 1)]

    return {"count": len(ordered), "p50": rank(0.50), "p95": rank(0.95), "p99": rank(0.99), "max": ordered[-1]}


def run_threads(threads, work):
    """Runs work(index) on that many threads, all starting together; returns the wall time."""
    start = threading.Barrier(threads + 1)

    def body(index):
        start.wait()
        work(index)

    pool = [threading.Thread(target=body, args=(i,), daemon=True) for i in range(threads)]
    for t in pool:
        t.start()
    start.wait()
    began = time.perf_counter()
    for t in pool:
        t.join()
    return time.perf_counter() - began


def say(message):
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


# ------------------------------------------------------------------ launch


def launch(args):
    total = args.instances
    subset = max(1, total // 100)
    singles = args.single_calls if args.single_calls is not None else max(subset, total // 20)
    singles = min(max(singles, subset), total)
    image = args.image_id or default_image(args)

    # The 1% subset of the other type comes first among the single calls, so both targets
    # hold the same fraction of it whatever their size.
    single_plan = [(1, args.subset_type if i < subset else args.instance_type) for i in range(singles)]
    remaining = total - singles
    batch_plan = [(min(args.batch, remaining - done), args.instance_type) for done in range(0, remaining, args.batch)]

    launched = []
    series = [run_launches(args, "single", single_plan, image, launched),
              run_launches(args, "batch", batch_plan, image, launched)]
    ids = [i for i, _ in launched]
    subset_ids = [i for i, instance_type in launched if instance_type == args.subset_type]
    with open(args.state, "w", encoding="utf-8") as out:
        json.dump({"image_id": image, "instance_type": args.instance_type, "subset_type": args.subset_type,
                   "ids": ids, "subset_ids": subset_ids}, out)
    return {"series": series, "image_id": image, "instances": len(ids), "subset": len(subset_ids)}


def run_launches(args, name, plan, image, launched):
    """Makes the RunInstances calls of plan, (count, type) each, from --threads threads; adds (id, type) to launched."""
    s = Series(name, args.threads)
    if not plan:
        return s.figures()
    say(f"{name}: {len(plan)} RunInstances calls, {sum(c for c, _ in plan)} instances, {args.threads} threads")
    cursor = iter(range(len(plan)))
    lock = threading.Lock()

    def work(_):
        client = TimedClient(args)
        while True:
            with lock:
                index = next(cursor, None)
            if index is None:
                return
            count, instance_type = plan[index]
            answer, seconds, wire, error = client.call(
                "run_instances", ImageId=image, MinCount=count, MaxCount=count, InstanceType=instance_type)
            made = [i["InstanceId"] for i in answer["Instances"]] if answer else []
            s.add(seconds, wire, len(made), client.answer_bytes, error, expected=count)
            with lock:
                launched.extend((i, instance_type) for i in made)

    cpu = time.process_time()
    s.seconds = run_threads(args.threads, work)
    s.client_cpu = time.process_time() - cpu
    return s.figures()


def default_image(args):
    images = TimedClient(args).ec2.describe_images(Owners=["amazon"])["Images"]
    if not images:
        raise SystemExit("the target lists no images; pass --image-id")
    return sorted(i["ImageId"] for i in images)[0]


# ------------------------------------------------------------------ describe


def read_state(args):
    with open(args.state, encoding="utf-8") as f:
        return json.load(f)


def filter_requests(state, rng):
    """The two filtered queries: one instance by id, and the 1% subset by instance type."""
    by_type = {"Filters": [{"Name": "instance-type", "Values": [state["subset_type"]]}]}
    return [
        ("by_id", lambda: {"Filters": [{"Name": "instance-id", "Values": [rng.choice(state["ids"])]}]}, 1),
        ("by_type", lambda: by_type, len(state["subset_ids"])),
    ]


def latency_phase(args, kinds):
    """Calls each kind in turn, one at a time, until each has --repeats calls or time is up."""
    client = TimedClient(args)
    for _, request, _ in kinds:
        for _ in range(WARM_UP_CALLS):
            client.call("describe_instances", **request())
    series = {name: Series(name) for name, _, _ in kinds}
    deadline = time.perf_counter() + args.max_seconds * len(kinds)
    cpu = time.process_time()
    began = time.perf_counter()
    done = 0
    while done < args.repeats and time.perf_counter() < deadline:
        for name, request, expected in kinds:
            _, seconds, wire, error = client.call("describe_instances", **request())
            series[name].add(seconds, wire, client.answer_instances, client.answer_bytes, error, expected)
        done += 1
    wall = time.perf_counter() - began
    for s in series.values():
        s.seconds = wall / len(kinds)
        s.client_cpu = (time.process_time() - cpu) / len(kinds)
    say(f"{done} calls of each of {', '.join(series)} in {wall:.1f} s")
    return {"series": [s.figures() for s in series.values()]}


def filtered(args):
    return latency_phase(args, filter_requests(read_state(args), random.Random(7)))


def page(args):
    state = read_state(args)
    expected = min(args.page_size, len(state["ids"]))
    return latency_phase(args, [("first_page", lambda: {"MaxResults": args.page_size}, expected)])


def throughput(args):
    state = read_state(args)
    s = Series(f"{args.kind}_{'ceiling' if args.replay else 'throughput'}", args.threads)

    def kinds_for(index):
        if args.kind == "listing":
            return [("listing", lambda: {}, len(state["ids"]))]
        return filter_requests(state, random.Random(index))

    answers = {}
    if args.replay:
        recorder = TimedClient(args)
        answers = {name: recorder.record("describe_instances", **request()) for name, request, _ in kinds_for(0)}
    deadline = time.perf_counter() + args.seconds

    def work(index):
        client = TimedClient(args, parse=not args.no_parse)
        kinds = kinds_for(index)
        turn = index
        while time.perf_counter() < deadline:
            name, request, expected = kinds[turn % len(kinds)]
            turn += 1
            client.replaying = answers.get(name)
            _, seconds, wire, error = client.call("describe_instances", **request())
            s.add(seconds, wire, client.answer_instances, client.answer_bytes, error, expected)

    cpu = time.process_time()
    s.seconds = run_threads(args.threads, work)
    s.client_cpu = time.process_time() - cpu
    figures = s.figures()
    say(f"{s.name}: {figures['calls']} calls, {figures['instances']} instances in {s.seconds:.1f} s, {args.threads} threads")
    return {"series": [figures], "parsed": not args.no_parse, "replayed": args.replay}


if __name__ == "__main__":
    sys.exit(main())
