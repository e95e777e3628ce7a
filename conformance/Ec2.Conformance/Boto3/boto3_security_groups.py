"""A boto3 session with EC2-Classic security groups: the legacy source-group form, rule
descriptions, CIDRs with host bits, paging, rule filters, tags at creation and refusals."""

import sys

import boto3
import botocore

from ec2_session import Session, Site, check, equal, error_code

site = Site()
session = Session("boto3 %s (botocore %s) security groups" % (boto3.__version__, botocore.__version__))
ec2 = site.boto3_ec2()
source_name = site.name("source")
target_name = site.name("target")


def permissions(name):
    return ec2.describe_security_groups(GroupNames=[name])["SecurityGroups"][0]["IpPermissions"]


def shape(permission):
    return (permission["IpProtocol"], permission.get("FromPort"), permission.get("ToPort"),
            [p["GroupName"] for p in permission["UserIdGroupPairs"]], [r["CidrIp"] for r in permission["IpRanges"]])


@session.step("CreateSecurityGroup with TagSpecifications")
def source():
    answer = ec2.create_security_group(
        GroupName=source_name, Description="source",
        TagSpecifications=[{"ResourceType": "security-group", "Tags": [{"Key": "Name", "Value": source_name}]}])
    equal(answer.get("Tags"), [{"Key": "Name", "Value": source_name}], "Tags in the answer")
    found = ec2.describe_security_groups(Filters=[{"Name": "tag:Name", "Values": [source_name]}])["SecurityGroups"]
    equal([g["GroupId"] for g in found], [answer["GroupId"]], "groups by tag")
    return found[0]


@session.step("CreateSecurityGroup target")
def target():
    return ec2.create_security_group(GroupName=target_name, Description="target")["GroupId"]


@session.step("AuthorizeSecurityGroupIngress SourceSecurityGroupName", needs=["CreateSecurityGroup with TagSpecifications", "CreateSecurityGroup target"])
def legacy():
    ec2.authorize_security_group_ingress(GroupName=target_name, SourceSecurityGroupName=source_name, SourceSecurityGroupOwnerId=source["OwnerId"])
    equal(sorted(shape(p) for p in permissions(target_name)),
          [("icmp", -1, -1, [source_name], []), ("tcp", 0, 65535, [source_name], []), ("udp", 0, 65535, [source_name], [])],
          "rules for the source group")
    equal(error_code(lambda: ec2.authorize_security_group_ingress(GroupName=target_name, SourceSecurityGroupName=source_name)),
          "InvalidPermission.Duplicate", "the same grant again")
    equal(error_code(lambda: ec2.authorize_security_group_ingress(GroupName=target_name, SourceSecurityGroupName=source_name, IpProtocol="tcp")),
          "InvalidParameterCombination", "source group with a protocol")
    equal(error_code(lambda: ec2.authorize_security_group_ingress(GroupName=target_name, SourceSecurityGroupName=source_name,
                                                                  SourceSecurityGroupOwnerId="000000000001")),
          "InvalidGroup.NotFound", "source group of an account that has no group of that name")


@session.step("DescribeSecurityGroups ip-permission filters", needs=["AuthorizeSecurityGroupIngress SourceSecurityGroupName"])
def filtered():
    def names(filters):
        return sorted(g["GroupName"] for g in ec2.describe_security_groups(Filters=filters)["SecurityGroups"])

    equal(names([{"Name": "ip-permission.group-name", "Values": [source_name]}]), [target_name], "by source group name")
    equal(names([{"Name": "ip-permission.group-id", "Values": [source["GroupId"]]}, {"Name": "ip-permission.protocol", "Values": ["icmp"]}]),
          [target_name], "by source group id and protocol")


@session.step("RevokeSecurityGroupIngress SourceSecurityGroupName", needs=["AuthorizeSecurityGroupIngress SourceSecurityGroupName"])
def revoked():
    ec2.revoke_security_group_ingress(GroupName=target_name, SourceSecurityGroupName=source_name)
    equal(permissions(target_name), [], "rules after the revoke")


@session.step("Rule descriptions", needs=["CreateSecurityGroup target"])
def described():
    ec2.authorize_security_group_ingress(GroupId=target, IpPermissions=[
        {"IpProtocol": "tcp", "FromPort": 443, "ToPort": 443, "IpRanges": [{"CidrIp": "198.51.100.7/24", "Description": "partners"}]}])
    ranges = permissions(target_name)[0]["IpRanges"]
    equal(ranges, [{"CidrIp": "198.51.100.0/24", "Description": "partners"}], "range with host bits and description")
    ec2.update_security_group_rule_descriptions_ingress(GroupId=target, IpPermissions=[
        {"IpProtocol": "tcp", "FromPort": 443, "ToPort": 443, "IpRanges": [{"CidrIp": "198.51.100.0/24", "Description": "partners (new)"}]}])
    equal(permissions(target_name)[0]["IpRanges"][0].get("Description"), "partners (new)", "updated description")
    ec2.revoke_security_group_ingress(GroupId=target, IpPermissions=[
        {"IpProtocol": "tcp", "FromPort": 443, "ToPort": 443, "IpRanges": [{"CidrIp": "198.51.100.0/24"}]}])
    equal(permissions(target_name), [], "rules after the revoke")


@session.step("DescribeSecurityGroups paginator", needs=["CreateSecurityGroup target"])
def paged():
    pages = list(ec2.get_paginator("describe_security_groups").paginate(PaginationConfig={"PageSize": 5}))
    listed = [g["GroupName"] for page in pages for g in page["SecurityGroups"]]
    check(source_name in listed and target_name in listed, "paged listing: %r" % listed)
    equal(len(listed), len(set(listed)), "groups listed once each")
    equal(len(listed), len(ec2.describe_security_groups()["SecurityGroups"]), "paged and unpaged listings")
    equal(error_code(lambda: ec2.describe_security_groups(GroupNames=[target_name], MaxResults=5)), "InvalidParameterCombination", "MaxResults with names")


@session.step("Refusals")
def refusals():
    equal(error_code(lambda: ec2.create_security_group(GroupName="sg-" + site.prefix, Description="x")), "InvalidParameterValue", "name starting sg-")
    equal(error_code(lambda: ec2.describe_security_groups(GroupIds=["sg-nothex00"])), "InvalidGroupId.Malformed", "malformed id")
    equal(error_code(lambda: ec2.authorize_security_group_ingress(GroupName=target_name, IpPermissions=[
        {"IpProtocol": "icmp", "FromPort": -1, "ToPort": 300, "IpRanges": [{"CidrIp": "0.0.0.0/0"}]}])), "InvalidParameterValue", "icmp code 300")


@session.step("DeleteSecurityGroup", needs=["CreateSecurityGroup with TagSpecifications", "CreateSecurityGroup target"])
def deleted():
    ec2.delete_security_group(GroupName=target_name)
    ec2.delete_security_group(GroupId=source["GroupId"])


sys.exit(session.finish())
