"""boto 2 with EC2-Classic security groups: group.authorize(src_group=...) sends the legacy form
(GroupName and SourceSecurityGroupName, no protocol or ports), which grants the source group all
TCP, UDP and ICMP; group.revoke(src_group=...) takes the same form back."""

import sys

import boto

from ec2_session import Session, Site, check, equal, error_code

site = Site()
session = Session("boto %s security groups" % boto.__version__)
ec2 = site.boto2_ec2()
source_name = site.name("source")
target_name = site.name("target")


def rules(name):
    found = ec2.get_all_security_groups(groupnames=[name])[0]
    return sorted((r.ip_protocol, int(r.from_port), int(r.to_port), sorted((g.name, g.owner_id, g.cidr_ip) for g in r.grants)) for r in found.rules)


@session.step("CreateSecurityGroup")
def groups():
    return ec2.create_security_group(source_name, "source"), ec2.create_security_group(target_name, "target")


@session.step("authorize(src_group=...)", needs=["CreateSecurityGroup"])
def authorized():
    source, target = groups
    owner = ec2.get_all_security_groups(groupnames=[source_name])[0].owner_id
    check(target.authorize(src_group=source), "authorize answered false")
    grant = [(source_name, owner, None)]
    equal(rules(target_name), [("icmp", -1, -1, grant), ("tcp", 0, 65535, grant), ("udp", 0, 65535, grant)], "rules")
    equal(error_code(lambda: target.authorize(src_group=source)), "InvalidPermission.Duplicate", "the same grant again")


@session.step("authorize CIDR with host bits", needs=["CreateSecurityGroup"])
def cidr():
    _, target = groups
    check(target.authorize("tcp", 22, 22, "10.1.2.3/16"), "authorize answered false")
    check(("tcp", 22, 22, [(None, None, "10.1.0.0/16")]) in rules(target_name), "rules: %r" % rules(target_name))
    equal(error_code(lambda: ec2.authorize_security_group(group_name=target_name, ip_protocol="tcp", from_port=22, to_port=22, cidr_ip="10.1.0.0/16")),
          "InvalidPermission.Duplicate", "the network of a stored rule")
    check(ec2.revoke_security_group(group_name=target_name, ip_protocol="tcp", from_port=22, to_port=22, cidr_ip="10.1.0.0/16"), "revoke answered false")


@session.step("revoke(src_group=...)", needs=["authorize(src_group=...)"])
def revoked():
    source, target = groups
    check(target.revoke(src_group=source), "revoke answered false")
    equal(rules(target_name), [], "rules after the revoke")


@session.step("DeleteSecurityGroup", needs=["CreateSecurityGroup"])
def deleted():
    check(ec2.delete_security_group(target_name), "delete answered false")
    check(ec2.delete_security_group(source_name), "delete answered false")


sys.exit(session.finish())
