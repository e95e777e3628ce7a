"""A boto3 session against the EC2 endpoint, signed with SigV4, as a site's user would run it."""

import base64
import sys

import boto3
import botocore

from ec2_session import Session, Site, check, equal, error_code

site = Site()
session = Session("boto3 %s (botocore %s)" % (boto3.__version__, botocore.__version__))
ec2 = site.boto3_ec2()
fast = {"Delay": 1, "MaxAttempts": 30}

imported_name = site.name("imported")
made_name = site.name("made")
group_name = site.name("web")
user_data = "#cloud-config\nhostname: %s\n" % site.prefix


def instances(**kwargs):
    return [i for r in ec2.describe_instances(**kwargs)["Reservations"] for i in r["Instances"]]


def tags_of(resource_id):
    found = ec2.describe_tags(Filters=[{"Name": "resource-id", "Values": [resource_id]}])["Tags"]
    return sorted((t["ResourceId"], t["ResourceType"], t["Key"], t["Value"]) for t in found)


@session.step("DescribeRegions")
def regions():
    names = [r["RegionName"] for r in ec2.describe_regions()["Regions"]]
    check(site.region in names, "RegionName: %s not among %r" % (site.region, names))


@session.step("DescribeAvailabilityZones")
def zones():
    found = ec2.describe_availability_zones()["AvailabilityZones"]
    equal([(z["ZoneName"], z["State"]) for z in found], [(site.zone, "available")], "zones")


@session.step("DescribeImages")
def image():
    found = ec2.describe_images(ImageIds=[site.image])["Images"]
    equal([i["ImageId"] for i in found], [site.image], "ImageId")
    equal(found[0]["State"], "available", "State")


@session.step("ImportKeyPair")
def imported():
    answer = ec2.import_key_pair(KeyName=imported_name, PublicKeyMaterial=site.public_key.encode())
    equal(answer["KeyName"], imported_name, "KeyName")
    equal(answer["KeyFingerprint"], site.public_key_fingerprint, "KeyFingerprint (MD5 of the DER public key)")


@session.step("CreateKeyPair")
def made():
    answer = ec2.create_key_pair(KeyName=made_name)
    check(answer["KeyMaterial"].startswith("-----BEGIN RSA PRIVATE KEY-----"), "KeyMaterial is no PEM RSA key: %r" % answer["KeyMaterial"][:40])
    equal(len(answer["KeyFingerprint"].split(":")), 20, "KeyFingerprint bytes (SHA-1)")
    return answer


@session.step("DescribeKeyPairs", needs=["ImportKeyPair", "CreateKeyPair"])
def listed():
    pairs = ec2.describe_key_pairs(KeyNames=[imported_name, made_name])["KeyPairs"]
    equal(sorted((k["KeyName"], k["KeyFingerprint"]) for k in pairs),
          sorted([(imported_name, site.public_key_fingerprint), (made_name, made["KeyFingerprint"])]), "key pairs")
    check(all("KeyMaterial" not in k for k in pairs), "DescribeKeyPairs shows a private key")
    by_print = ec2.describe_key_pairs(Filters=[{"Name": "fingerprint", "Values": [site.public_key_fingerprint]}])["KeyPairs"]
    equal([k["KeyName"] for k in by_print], [imported_name], "key pairs with filter fingerprint")


@session.step("CreateSecurityGroup")
def group_id():
    answer = ec2.create_security_group(GroupName=group_name, Description="web servers of " + site.prefix)
    check(answer["GroupId"].startswith("sg-"), "GroupId: %r" % answer["GroupId"])
    return answer["GroupId"]


@session.step("AuthorizeSecurityGroupIngress", needs=["CreateSecurityGroup"])
def authorized():
    ec2.authorize_security_group_ingress(GroupId=group_id, IpPermissions=[
        {"IpProtocol": "tcp", "FromPort": 22, "ToPort": 22, "IpRanges": [{"CidrIp": "192.0.2.0/24"}]},
        {"IpProtocol": "tcp", "FromPort": 80, "ToPort": 80, "IpRanges": [{"CidrIp": "0.0.0.0/0"}]},
    ])


@session.step("DescribeSecurityGroups", needs=["AuthorizeSecurityGroupIngress"])
def described_group():
    group = ec2.describe_security_groups(GroupIds=[group_id])["SecurityGroups"][0]
    equal((group["GroupId"], group["GroupName"]), (group_id, group_name), "group")
    rules = sorted((p["IpProtocol"], p["FromPort"], p["ToPort"], [r["CidrIp"] for r in p["IpRanges"]]) for p in group["IpPermissions"])
    equal(rules, [("tcp", 22, 22, ["192.0.2.0/24"]), ("tcp", 80, 80, ["0.0.0.0/0"])], "IpPermissions")


@session.step("RunInstances", needs=["ImportKeyPair", "CreateSecurityGroup"])
def reservation():
    answer = ec2.run_instances(ImageId=site.image, InstanceType="m1.small", MinCount=2, MaxCount=2,
                               KeyName=imported_name, SecurityGroupIds=[group_id], UserData=user_data,
                               Placement={"AvailabilityZone": site.zone})
    equal(len(answer["Instances"]), 2, "instances launched")
    return answer


ids = [i["InstanceId"] for i in reservation["Instances"]] if reservation else None


@session.step("RunInstances instances", needs=["RunInstances"])
def launched():
    for i in reservation["Instances"]:
        equal((i["State"]["Name"], i["ImageId"], i["InstanceType"], i.get("KeyName"), i["Placement"]["AvailabilityZone"]),
              ("pending", site.image, "m1.small", imported_name, site.zone), "instance %s" % i["InstanceId"])


@session.step("RunInstances groups", needs=["RunInstances"])
def launched_groups():
    equal([(g["GroupId"], g["GroupName"]) for g in reservation.get("Groups", [])], [(group_id, group_name)], "reservation Groups")


@session.step("wait instance_running", needs=["RunInstances"])
def running():
    ec2.get_waiter("instance_running").wait(InstanceIds=ids, WaiterConfig=fast)


@session.step("DescribeInstances filters", needs=["wait instance_running"])
def filtered():
    found = instances(Filters=[
        {"Name": "instance-state-name", "Values": ["running"]},
        {"Name": "key-name", "Values": [imported_name]},
        {"Name": "image-id", "Values": [site.image]},
        {"Name": "availability-zone", "Values": [site.zone]},
    ])
    equal(sorted(i["InstanceId"] for i in found), sorted(ids), "instances found")
    equal({i["State"]["Name"] for i in found}, {"running"}, "states")


@session.step("DescribeInstances filter instance.group-id", needs=["wait instance_running"])
def by_group():
    found = instances(Filters=[{"Name": "instance.group-id", "Values": [group_id]}])
    equal(sorted(i["InstanceId"] for i in found), sorted(ids), "instances in the group")


@session.step("CreateTags", needs=["RunInstances"])
def tagged():
    ec2.create_tags(Resources=ids, Tags=[{"Key": "project", "Value": site.prefix}, {"Key": "role", "Value": "web"}])
    ec2.create_tags(Resources=[ids[0]], Tags=[{"Key": "Name", "Value": "web-1"}])


@session.step("DescribeTags", needs=["CreateTags"])
def described_tags():
    equal(tags_of(ids[0]), [(ids[0], "instance", "Name", "web-1"), (ids[0], "instance", "project", site.prefix),
                            (ids[0], "instance", "role", "web")], "tags of the first instance")
    by_value = ec2.describe_tags(Filters=[{"Name": "key", "Values": ["project"]}, {"Name": "value", "Values": [site.prefix]},
                                          {"Name": "resource-type", "Values": ["instance"]}])["Tags"]
    equal(sorted(t["ResourceId"] for t in by_value), sorted(ids), "resources tagged project=%s" % site.prefix)


@session.step("DescribeInstances tag filters", needs=["CreateTags"])
def by_tag():
    equal(sorted(i["InstanceId"] for i in instances(Filters=[{"Name": "tag:project", "Values": [site.prefix]}])), sorted(ids), "tag:project")
    named = instances(Filters=[{"Name": "tag:Name", "Values": ["web-1"]}])
    equal([i["InstanceId"] for i in named], [ids[0]], "tag:Name")
    equal(sorted((t["Key"], t["Value"]) for t in named[0].get("Tags", [])),
          [("Name", "web-1"), ("project", site.prefix), ("role", "web")], "Tags in DescribeInstances")
    equal([i["InstanceId"] for i in instances(Filters=[{"Name": "tag-key", "Values": ["Name"]}])], [ids[0]], "tag-key")
    equal(sorted(i["InstanceId"] for i in instances(Filters=[{"Name": "tag-value", "Values": ["web"]}])), sorted(ids), "tag-value")


@session.step("DeleteTags", needs=["DescribeTags"])
def untagged():
    ec2.delete_tags(Resources=[ids[1]], Tags=[{"Key": "role"}])
    equal(tags_of(ids[1]), [(ids[1], "instance", "project", site.prefix)], "tags left on the second instance")


@session.step("DescribeInstanceAttribute", needs=["wait instance_running"])
def attributes():
    data = ec2.describe_instance_attribute(InstanceId=ids[0], Attribute="userData")
    equal(base64.b64decode(data["UserData"]["Value"]).decode(), user_data, "userData")
    kind = ec2.describe_instance_attribute(InstanceId=ids[0], Attribute="instanceType")
    equal(kind["InstanceType"]["Value"], "m1.small", "instanceType")


@session.step("DescribeInstanceStatus", needs=["wait instance_running"])
def statuses():
    found = ec2.describe_instance_status(InstanceIds=ids)["InstanceStatuses"]
    equal(sorted((s["InstanceId"], s["InstanceState"]["Name"], s["AvailabilityZone"]) for s in found),
          sorted((i, "running", site.zone) for i in ids), "instance statuses")


@session.step("StopInstances", needs=["wait instance_running"])
def stopped():
    change = ec2.stop_instances(InstanceIds=[ids[0]])["StoppingInstances"]
    equal([(c["InstanceId"], c["PreviousState"]["Name"]) for c in change], [(ids[0], "running")], "StoppingInstances")
    check(change[0]["CurrentState"]["Name"] in ("stopping", "stopped"), "CurrentState: %r" % change[0]["CurrentState"])
    ec2.get_waiter("instance_stopped").wait(InstanceIds=[ids[0]], WaiterConfig=fast)


@session.step("ModifyInstanceAttribute", needs=["StopInstances"])
def resized():
    # A stopped instance takes a new type; it runs with it at the next start.
    ec2.modify_instance_attribute(InstanceId=ids[0], InstanceType={"Value": "m1.medium"})
    kind = ec2.describe_instance_attribute(InstanceId=ids[0], Attribute="instanceType")
    equal(kind["InstanceType"]["Value"], "m1.medium", "instanceType after the change")


@session.step("StartInstances", needs=["StopInstances"])
def started():
    change = ec2.start_instances(InstanceIds=[ids[0]])["StartingInstances"]
    equal([(c["InstanceId"], c["PreviousState"]["Name"]) for c in change], [(ids[0], "stopped")], "StartingInstances")
    ec2.get_waiter("instance_running").wait(InstanceIds=[ids[0]], WaiterConfig=fast)


@session.step("GetConsoleOutput", needs=["wait instance_running"])
def console():
    # botocore decodes the base64 Output.
    answer = ec2.get_console_output(InstanceId=ids[1])
    equal(answer["InstanceId"], ids[1], "InstanceId")
    check(site.boot_text(ids[1]) in answer.get("Output", ""), "Output: %r" % answer.get("Output"))
    check("Timestamp" in answer, "no Timestamp")


@session.step("AllocateAddress")
def address():
    answer = ec2.allocate_address(Domain="standard")
    equal(answer.get("Domain"), "standard", "Domain")
    return answer["PublicIp"]


@session.step("AssociateAddress", needs=["AllocateAddress", "wait instance_running"])
def associated():
    ec2.associate_address(InstanceId=ids[1], PublicIp=address)
    found = ec2.describe_addresses(PublicIps=[address])["Addresses"]
    equal([(a["PublicIp"], a.get("InstanceId")) for a in found], [(address, ids[1])], "DescribeAddresses")
    equal(instances(InstanceIds=[ids[1]])[0].get("PublicIpAddress"), address, "PublicIpAddress")


@session.step("DisassociateAddress", needs=["AssociateAddress"])
def disassociated():
    ec2.disassociate_address(PublicIp=address)
    found = ec2.describe_addresses(PublicIps=[address])["Addresses"]
    equal([(a["PublicIp"], a.get("InstanceId", "")) for a in found], [(address, "")], "DescribeAddresses")


@session.step("ReleaseAddress", needs=["AllocateAddress"])
def released():
    ec2.release_address(PublicIp=address)
    equal(error_code(lambda: ec2.describe_addresses(PublicIps=[address])), "InvalidAddress.NotFound", "error for a released address")


@session.step("TerminateInstances", needs=["RunInstances"])
def terminated():
    change = ec2.terminate_instances(InstanceIds=ids)["TerminatingInstances"]
    equal(sorted(c["InstanceId"] for c in change), sorted(ids), "TerminatingInstances")
    for c in change:
        check(c["CurrentState"]["Name"] in ("shutting-down", "terminated"), "CurrentState: %r" % c["CurrentState"])
    ec2.get_waiter("instance_terminated").wait(InstanceIds=ids, WaiterConfig=fast)


@session.step("DeleteSecurityGroup", needs=["CreateSecurityGroup", "TerminateInstances"])
def group_deleted():
    ec2.delete_security_group(GroupId=group_id)
    equal(error_code(lambda: ec2.describe_security_groups(GroupIds=[group_id])), "InvalidGroup.NotFound", "error for a deleted group")


@session.step("DeleteKeyPair", needs=["ImportKeyPair"])
def keys_deleted():
    ec2.delete_key_pair(KeyName=imported_name)
    ec2.delete_key_pair(KeyName=made_name)
    left = ec2.describe_key_pairs(Filters=[{"Name": "key-name", "Values": [imported_name, made_name]}])["KeyPairs"]
    equal(left, [], "key pairs left")


if ids and not session.passed("TerminateInstances"):
    session.cleanup("instances", lambda: ec2.terminate_instances(InstanceIds=ids))

sys.exit(session.finish())
