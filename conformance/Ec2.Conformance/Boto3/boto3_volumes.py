"""A boto3 session with volumes and snapshots: create, the SDK's waiters, attach at launch and
later, filters, snapshot, a volume from the snapshot, detach, delete, and the errors EC2 answers."""

import sys

import boto3
import botocore

from ec2_session import Session, Site, check, equal, error_code, wait_for

site = Site()
session = Session("boto3 %s (botocore %s) volumes" % (boto3.__version__, botocore.__version__))
ec2 = site.boto3_ec2()
fast = {"Delay": 1, "MaxAttempts": 30}
name = site.name("data")
missing_volume = "vol-0000000000000000f"


def volumes(**kwargs):
    return ec2.describe_volumes(**kwargs)["Volumes"]


def attachment_states(volume_id):
    return [(a["InstanceId"], a["Device"], a["State"]) for a in volumes(VolumeIds=[volume_id])[0]["Attachments"]]


@session.step("CreateVolume")
def volume():
    answer = ec2.create_volume(
        Size=2, AvailabilityZone=site.zone, VolumeType="gp2",
        TagSpecifications=[{"ResourceType": "volume", "Tags": [{"Key": "Name", "Value": name}]}])
    check(answer["VolumeId"].startswith("vol-"), "VolumeId: %r" % answer["VolumeId"])
    equal((answer["Size"], answer["AvailabilityZone"], answer["VolumeType"], answer["Encrypted"]), (2, site.zone, "gp2", False), "Size, zone, type, encrypted")
    check(answer["State"] in ("creating", "available"), "State: %r" % answer["State"])
    equal(answer.get("Tags"), [{"Key": "Name", "Value": name}], "Tags")
    return answer["VolumeId"]


@session.step("waiter volume_available", needs=["CreateVolume"])
def available():
    ec2.get_waiter("volume_available").wait(VolumeIds=[volume], WaiterConfig=fast)


@session.step("RunInstances with BlockDeviceMappings")
def instance():
    answer = ec2.run_instances(
        ImageId=site.image, MinCount=1, MaxCount=1, InstanceType="m1.small",
        BlockDeviceMappings=[{"DeviceName": "/dev/sdf", "Ebs": {"VolumeSize": 1, "VolumeType": "gp3"}}])
    launched = answer["Instances"][0]
    mappings = launched.get("BlockDeviceMappings", [])
    equal([m["DeviceName"] for m in mappings], ["/dev/sdf"], "BlockDeviceMappings")
    check(mappings[0]["Ebs"]["VolumeId"].startswith("vol-"), "Ebs.VolumeId: %r" % mappings[0])
    equal(mappings[0]["Ebs"]["DeleteOnTermination"], True, "Ebs.DeleteOnTermination")
    equal((launched["RootDeviceType"], launched["RootDeviceName"]), ("instance-store", "/dev/sda1"), "root device")
    ec2.get_waiter("instance_running").wait(InstanceIds=[launched["InstanceId"]], WaiterConfig=fast)
    return (launched["InstanceId"], mappings[0]["Ebs"]["VolumeId"])


@session.step("AttachVolume", needs=["waiter volume_available", "RunInstances with BlockDeviceMappings"])
def attached():
    answer = ec2.attach_volume(VolumeId=volume, InstanceId=instance[0], Device="/dev/sdg")
    equal((answer["VolumeId"], answer["InstanceId"], answer["Device"]), (volume, instance[0], "/dev/sdg"), "attachment")
    check(answer["State"] in ("attaching", "attached"), "State: %r" % answer["State"])
    ec2.get_waiter("volume_in_use").wait(VolumeIds=[volume], WaiterConfig=fast)
    wait_for("attached", lambda: (attachment_states(volume) == [(instance[0], "/dev/sdg", "attached")], attachment_states(volume)))


@session.step("AttachVolume when attached: VolumeInUse", needs=["AttachVolume"])
def attached_twice():
    equal(error_code(lambda: ec2.attach_volume(VolumeId=volume, InstanceId=instance[0], Device="/dev/sdh")), "VolumeInUse", "error")


@session.step("DescribeVolumes with filters", needs=["AttachVolume"])
def filtered():
    by_instance = volumes(Filters=[{"Name": "attachment.instance-id", "Values": [instance[0]]}])
    equal(sorted(v["VolumeId"] for v in by_instance), sorted([volume, instance[1]]), "attachment.instance-id")
    by_tag = volumes(Filters=[{"Name": "tag:Name", "Values": [name]}, {"Name": "status", "Values": ["in-use"]}, {"Name": "size", "Values": ["2"]}])
    equal([v["VolumeId"] for v in by_tag], [volume], "tag:Name, status, size")
    by_device = volumes(Filters=[{"Name": "attachment.device", "Values": ["/dev/sdf"]}, {"Name": "attachment.delete-on-termination", "Values": ["true"]}])
    equal([v["VolumeId"] for v in by_device], [instance[1]], "attachment.device, attachment.delete-on-termination")


@session.step("DescribeInstanceAttribute blockDeviceMapping", needs=["AttachVolume"])
def attribute():
    answer = ec2.describe_instance_attribute(InstanceId=instance[0], Attribute="blockDeviceMapping")
    found = sorted((m["DeviceName"], m["Ebs"]["VolumeId"], m["Ebs"]["Status"]) for m in answer["BlockDeviceMappings"])
    equal(found, [("/dev/sdf", instance[1], "attached"), ("/dev/sdg", volume, "attached")], "BlockDeviceMappings")


@session.step("DeleteVolume when attached: VolumeInUse", needs=["AttachVolume"])
def delete_refused():
    equal(error_code(lambda: ec2.delete_volume(VolumeId=volume)), "VolumeInUse", "error")


@session.step("CreateSnapshot", needs=["AttachVolume"])
def snapshot():
    answer = ec2.create_snapshot(
        VolumeId=volume, Description="before detach",
        TagSpecifications=[{"ResourceType": "snapshot", "Tags": [{"Key": "Name", "Value": name}]}])
    check(answer["SnapshotId"].startswith("snap-"), "SnapshotId: %r" % answer["SnapshotId"])
    equal((answer["VolumeId"], answer["VolumeSize"], answer["Description"]), (volume, 2, "before detach"), "VolumeId, VolumeSize, Description")
    return answer["SnapshotId"]


@session.step("waiter snapshot_completed", needs=["CreateSnapshot"])
def completed():
    ec2.get_waiter("snapshot_completed").wait(SnapshotIds=[snapshot], WaiterConfig=fast)
    found = ec2.describe_snapshots(OwnerIds=["self"], Filters=[{"Name": "volume-id", "Values": [volume]}, {"Name": "tag:Name", "Values": [name]}])["Snapshots"]
    equal([(s["SnapshotId"], s["State"], s["Progress"]) for s in found], [(snapshot, "completed", "100%")], "DescribeSnapshots")


@session.step("CreateVolume from snapshot", needs=["waiter snapshot_completed"])
def restored():
    answer = ec2.create_volume(SnapshotId=snapshot, AvailabilityZone=site.zone)
    equal((answer["SnapshotId"], answer["Size"]), (snapshot, 2), "SnapshotId, Size")
    ec2.get_waiter("volume_available").wait(VolumeIds=[answer["VolumeId"]], WaiterConfig=fast)
    return answer["VolumeId"]


@session.step("DetachVolume", needs=["AttachVolume"])
def detached():
    answer = ec2.detach_volume(VolumeId=volume, InstanceId=instance[0])
    check(answer["State"] in ("detaching", "detached"), "State: %r" % answer["State"])
    ec2.get_waiter("volume_available").wait(VolumeIds=[volume], WaiterConfig=fast)
    equal(attachment_states(volume), [], "attachments")


@session.step("DetachVolume when available: IncorrectState", needs=["DetachVolume"])
def detached_twice():
    equal(error_code(lambda: ec2.detach_volume(VolumeId=volume)), "IncorrectState", "error")


@session.step("not found: InvalidVolume.NotFound, InvalidSnapshot.NotFound")
def not_found():
    equal(error_code(lambda: volumes(VolumeIds=[missing_volume])), "InvalidVolume.NotFound", "DescribeVolumes")
    equal(error_code(lambda: ec2.delete_volume(VolumeId=missing_volume)), "InvalidVolume.NotFound", "DeleteVolume")
    equal(error_code(lambda: ec2.describe_snapshots(SnapshotIds=["snap-0000000000000000f"])), "InvalidSnapshot.NotFound", "DescribeSnapshots")
    equal(error_code(lambda: volumes(VolumeIds=["vol-x"])), "InvalidVolume.Malformed", "malformed id")


@session.step("DeleteVolume, DeleteSnapshot", needs=["DetachVolume", "CreateVolume from snapshot"])
def deleted():
    ec2.delete_volume(VolumeId=volume)
    ec2.delete_volume(VolumeId=restored)
    ec2.delete_snapshot(SnapshotId=snapshot)
    ec2.get_waiter("volume_deleted").wait(VolumeIds=[volume, restored], WaiterConfig=fast)
    equal(error_code(lambda: ec2.describe_snapshots(SnapshotIds=[snapshot])), "InvalidSnapshot.NotFound", "deleted snapshot")


@session.step("TerminateInstances deletes the launch volume", needs=["RunInstances with BlockDeviceMappings"])
def terminated():
    ec2.terminate_instances(InstanceIds=[instance[0]])
    ec2.get_waiter("instance_terminated").wait(InstanceIds=[instance[0]], WaiterConfig=fast)
    ec2.get_waiter("volume_deleted").wait(VolumeIds=[instance[1]], WaiterConfig=fast)


if instance and not session.passed("TerminateInstances deletes the launch volume"):
    session.cleanup("instance", lambda: ec2.terminate_instances(InstanceIds=[instance[0]]))

sys.exit(session.finish())
