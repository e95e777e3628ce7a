"""A boto 2 session against the EC2 endpoint, signed with Signature V2.

boto 2.49's EC2Connection signs with SigV4 and takes the SigV4 region and service from the
host name, which for an address such as 127.0.0.1 gives nonsense; a site's users either name
them (auth_region_name, auth_service_name) or sign with V2 as older boto did. The session signs
with V2; one step checks the SigV4 connection with the names given.
"""

import base64
import sys

import boto

from ec2_session import Session, Site, check, equal, error_code, wait_for

site = Site()
session = Session("boto %s" % boto.__version__)
ec2 = site.boto2_ec2()

imported_name = site.name("imported")
made_name = site.name("made")
group_name = site.name("web")
user_data = "#!/bin/sh\necho %s\n" % site.prefix


def states(instance_ids):
    return sorted((i.id, i.state) for i in ec2.get_only_instances(instance_ids=instance_ids))


def wait_state(instance_ids, state):
    def probe():
        seen = states(instance_ids)
        return all(s == state for _, s in seen), seen

    wait_for("%s %s" % (", ".join(instance_ids), state), probe)


@session.step("DescribeRegions")
def regions():
    names = [r.name for r in ec2.get_all_regions()]
    check(site.region in names, "regions: %s not among %r" % (site.region, names))


@session.step("DescribeAvailabilityZones")
def zones():
    equal([(z.name, z.state) for z in ec2.get_all_zones()], [(site.zone, "available")], "zones")


@session.step("DescribeImages")
def image():
    found = ec2.get_all_images(image_ids=[site.image])
    equal([(i.id, i.state) for i in found], [(site.image, "available")], "images")


@session.step("ImportKeyPair")
def imported():
    pair = ec2.import_key_pair(imported_name, site.public_key.encode())
    equal((pair.name, pair.fingerprint), (imported_name, site.public_key_fingerprint), "imported key pair")


@session.step("CreateKeyPair")
def made():
    pair = ec2.create_key_pair(made_name)
    check(pair.material.startswith("-----BEGIN RSA PRIVATE KEY-----"), "material is no PEM RSA key: %r" % pair.material[:40])
    return pair


@session.step("DescribeKeyPairs", needs=["ImportKeyPair", "CreateKeyPair"])
def listed():
    pairs = ec2.get_all_key_pairs(keynames=[imported_name, made_name])
    equal(sorted((k.name, k.fingerprint) for k in pairs),
          sorted([(imported_name, site.public_key_fingerprint), (made_name, made.fingerprint)]), "key pairs")


@session.step("CreateSecurityGroup")
def group():
    created = ec2.create_security_group(group_name, "web servers of " + site.prefix)
    check(created.id and created.id.startswith("sg-"), "group id: %r" % created.id)
    return created


@session.step("AuthorizeSecurityGroupIngress", needs=["CreateSecurityGroup"])
def authorized():
    check(group.authorize("tcp", 22, 22, "192.0.2.0/24"), "authorize answered false")
    check(ec2.authorize_security_group(group_name=group_name, ip_protocol="tcp", from_port=80, to_port=80, cidr_ip="0.0.0.0/0"),
          "authorize answered false")


@session.step("DescribeSecurityGroups", needs=["AuthorizeSecurityGroupIngress"])
def described_group():
    found = ec2.get_all_security_groups(groupnames=[group_name])
    equal([(g.id, g.name, g.description) for g in found], [(group.id, group_name, "web servers of " + site.prefix)], "groups")
    rules = sorted((r.ip_protocol, int(r.from_port), int(r.to_port), [g.cidr_ip for g in r.grants]) for r in found[0].rules)
    equal(rules, [("tcp", 22, 22, ["192.0.2.0/24"]), ("tcp", 80, 80, ["0.0.0.0/0"])], "rules")


@session.step("RunInstances", needs=["ImportKeyPair", "CreateSecurityGroup"])
def reservation():
    launched = ec2.run_instances(site.image, min_count=2, max_count=2, key_name=imported_name, security_groups=[group_name],
                                 user_data=user_data, instance_type="m1.small", placement=site.zone)
    equal(len(launched.instances), 2, "instances launched")
    return launched


ids = [i.id for i in reservation.instances] if reservation else None


@session.step("RunInstances instances", needs=["RunInstances"])
def launched():
    for i in reservation.instances:
        equal((i.state, i.image_id, i.instance_type, i.key_name, i.placement), ("pending", site.image, "m1.small", imported_name, site.zone),
              "instance %s" % i.id)


@session.step("RunInstances groups", needs=["RunInstances"])
def launched_groups():
    equal([(g.id, g.name) for g in reservation.groups], [(group.id, group_name)], "reservation groups")


@session.step("wait running", needs=["RunInstances"])
def running():
    wait_state(ids, "running")


@session.step("DescribeInstances filters", needs=["wait running"])
def filtered():
    found = ec2.get_only_instances(filters={"instance-state-name": "running", "key-name": imported_name, "image-id": site.image})
    equal(sorted(i.id for i in found), sorted(ids), "instances found")
    reservations = ec2.get_all_reservations(instance_ids=ids)
    equal(sorted(i.id for r in reservations for i in r.instances), sorted(ids), "instances of the reservation")


@session.step("DescribeInstances signed V4", needs=["wait running"])
def signed_v4():
    v4 = site.boto2_ec2(signature_v2=False)
    v4.auth_region_name = site.region
    v4.auth_service_name = "ec2"
    equal(sorted(i.id for i in v4.get_only_instances(instance_ids=ids)), sorted(ids), "instances seen with SigV4")


@session.step("CreateTags", needs=["RunInstances"])
def tagged():
    check(ec2.create_tags(ids, {"project": site.prefix, "role": "web"}), "create_tags answered false")
    check(ec2.create_tags([ids[0]], {"Name": "web-1"}), "create_tags answered false")


@session.step("DescribeTags", needs=["CreateTags"])
def described_tags():
    found = ec2.get_all_tags(filters={"resource-id": ids[0]})
    equal(sorted((t.res_id, t.res_type, t.name, t.value) for t in found),
          [(ids[0], "instance", "Name", "web-1"), (ids[0], "instance", "project", site.prefix), (ids[0], "instance", "role", "web")],
          "tags of the first instance")


@session.step("DescribeInstances tag filters", needs=["CreateTags"])
def by_tag():
    found = ec2.get_only_instances(filters={"tag:project": site.prefix})
    equal(sorted(i.id for i in found), sorted(ids), "tag:project")
    named = [i for i in found if i.id == ids[0]][0]
    equal(named.tags, {"Name": "web-1", "project": site.prefix, "role": "web"}, "tags of the first instance")
    equal([i.id for i in ec2.get_only_instances(filters={"tag-key": "Name"})], [ids[0]], "tag-key")


@session.step("DeleteTags", needs=["DescribeTags"])
def untagged():
    check(ec2.delete_tags([ids[1]], {"role": None}), "delete_tags answered false")
    equal(sorted((t.name, t.value) for t in ec2.get_all_tags(filters={"resource-id": ids[1]})), [("project", site.prefix)], "tags left")


@session.step("DescribeInstanceAttribute", needs=["wait running"])
def attributes():
    data = ec2.get_instance_attribute(ids[0], "userData")
    equal(base64.b64decode(data["userData"]).decode(), user_data, "userData")
    equal(ec2.get_instance_attribute(ids[0], "instanceType")["instanceType"], "m1.small", "instanceType")


@session.step("DescribeInstanceStatus", needs=["wait running"])
def statuses():
    found = ec2.get_all_instance_status(instance_ids=ids)
    equal(sorted((s.id, s.state_name, s.zone) for s in found), sorted((i, "running", site.zone) for i in ids), "statuses")


@session.step("StopInstances", needs=["wait running"])
def stopped():
    changed = ec2.stop_instances([ids[0]])
    equal([(i.id, i.previous_state) for i in changed], [(ids[0], "running")], "stopped instances")
    wait_state([ids[0]], "stopped")


@session.step("ModifyInstanceAttribute", needs=["StopInstances"])
def resized():
    check(ec2.modify_instance_attribute(ids[0], "instanceType", "m1.medium"), "modify answered false")
    equal(ec2.get_instance_attribute(ids[0], "instanceType")["instanceType"], "m1.medium", "instanceType after the change")


@session.step("StartInstances", needs=["StopInstances"])
def started():
    changed = ec2.start_instances([ids[0]])
    equal([(i.id, i.previous_state) for i in changed], [(ids[0], "stopped")], "started instances")
    wait_state([ids[0]], "running")


@session.step("GetConsoleOutput", needs=["wait running"])
def console():
    # boto 2 asks with InstanceId.1 and decodes the base64 output itself.
    answer = ec2.get_console_output(ids[1])
    equal(answer.instance_id, ids[1], "instance id")
    text = (answer.output or b"").decode("utf-8", "replace")
    check(site.boot_text(ids[1]) in text, "output: %r" % text)


@session.step("AllocateAddress")
def address():
    allocated = ec2.allocate_address()
    check(allocated.public_ip, "no public ip")
    return allocated


@session.step("AssociateAddress", needs=["AllocateAddress", "wait running"])
def associated():
    check(ec2.associate_address(instance_id=ids[1], public_ip=address.public_ip), "associate answered false")
    equal([(a.public_ip, a.instance_id) for a in ec2.get_all_addresses([address.public_ip])], [(address.public_ip, ids[1])], "addresses")
    equal(ec2.get_only_instances([ids[1]])[0].ip_address, address.public_ip, "ip_address of the instance")


@session.step("DisassociateAddress", needs=["AssociateAddress"])
def disassociated():
    check(ec2.disassociate_address(public_ip=address.public_ip), "disassociate answered false")
    equal([a.instance_id or None for a in ec2.get_all_addresses([address.public_ip])], [None], "instance of the address")


@session.step("ReleaseAddress", needs=["AllocateAddress"])
def released():
    check(ec2.release_address(public_ip=address.public_ip), "release answered false")
    equal(error_code(lambda: ec2.get_all_addresses([address.public_ip])), "InvalidAddress.NotFound", "error for a released address")


@session.step("TerminateInstances", needs=["RunInstances"])
def terminated():
    changed = ec2.terminate_instances(ids)
    equal(sorted(i.id for i in changed), sorted(ids), "terminated instances")
    wait_state(ids, "terminated")


@session.step("DeleteSecurityGroup", needs=["CreateSecurityGroup", "TerminateInstances"])
def group_deleted():
    check(ec2.delete_security_group(name=group_name), "delete answered false")
    equal(error_code(lambda: ec2.get_all_security_groups(groupnames=[group_name])), "InvalidGroup.NotFound", "error for a deleted group")


@session.step("DeleteKeyPair", needs=["ImportKeyPair"])
def keys_deleted():
    check(ec2.delete_key_pair(imported_name), "delete answered false")
    check(ec2.delete_key_pair(made_name), "delete answered false")
    equal(ec2.get_all_key_pairs(filters={"key-name": [imported_name, made_name]}), [], "key pairs left")


if ids and not session.passed("TerminateInstances"):
    session.cleanup("instances", lambda: ec2.terminate_instances(ids))

sys.exit(session.finish())
