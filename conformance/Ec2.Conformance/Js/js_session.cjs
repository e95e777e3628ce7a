// The AWS SDK for JavaScript (v3, @aws-sdk/client-ec2) through a whole EC2 session against the
// site the C# test names in EC2_* variables. Each step is recorded as passed, failed (with the
// SDK's error or the failed check) or skipped when a step it needs did not pass; the report is
// printed as one JSON line at the end, in the shape the Python sessions print.
"use strict";

const ec2 = require("@aws-sdk/client-ec2");

const env = process.env;
const site = {
  url: env.EC2_URL, region: env.EC2_REGION, zone: env.EC2_ZONE, image: env.EC2_IMAGE, prefix: env.EC2_PREFIX,
  publicKey: env.EC2_PUBLIC_KEY, fingerprint: env.EC2_PUBLIC_KEY_FINGERPRINT, bootLine: env.EC2_BOOT_LINE,
};
const client = new ec2.EC2Client({
  endpoint: site.url, region: site.region, maxAttempts: 1,
  credentials: { accessKeyId: env.EC2_ACCESS_KEY, secretAccessKey: env.EC2_SECRET_KEY },
});
const version = require("@aws-sdk/client-ec2/package.json").version;
const steps = [];
const notPassed = new Set();

async function step(name, needs, fn) {
  const missing = needs.filter((n) => notPassed.has(n));
  if (missing.length > 0) {
    steps.push({ name, outcome: "skipped", detail: "needs " + missing.join(", ") });
    notPassed.add(name);
    return undefined;
  }
  const started = process.hrtime.bigint();
  const seconds = () => Number(process.hrtime.bigint() - started) / 1e9;
  try {
    const result = await fn();
    steps.push({ name, outcome: "passed", detail: "", seconds: seconds() });
    return result;
  } catch (error) {
    const code = error.Code || error.name || "Error";
    const detail = `${code}: ${error.message}`.replace(/\s+/g, " ").slice(0, 800);
    steps.push({ name, outcome: "failed", detail, seconds: seconds() });
    notPassed.add(name);
    return undefined;
  }
}

function equal(actual, expected, what) {
  if (JSON.stringify(actual) !== JSON.stringify(expected)) {
    throw new Error(`${what}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`);
  }
}

const send = (Command, input) => client.send(new Command(input));
const quickly = { client, minDelay: 1, maxDelay: 2, maxWaitTime: 60 };
const name = (what) => `${site.prefix}-${what}`;
const instancesOf = (answer) => (answer.Reservations || []).flatMap((r) => r.Instances || []);

async function main() {
  let keyName, groupId, ids, allocation;

  await step("DescribeRegions", [], async () => {
    const answer = await send(ec2.DescribeRegionsCommand, {});
    equal(answer.Regions.map((r) => r.RegionName), [site.region], "regions");
  });
  await step("DescribeAvailabilityZones", [], async () => {
    const answer = await send(ec2.DescribeAvailabilityZonesCommand, {});
    equal(answer.AvailabilityZones.map((z) => z.ZoneName), [site.zone], "zones");
  });
  await step("ImportKeyPair", [], async () => {
    keyName = name("key");
    const answer = await send(ec2.ImportKeyPairCommand, { KeyName: keyName, PublicKeyMaterial: Buffer.from(site.publicKey) });
    equal(answer.KeyFingerprint, site.fingerprint, "fingerprint");
  });
  await step("CreateSecurityGroup", [], async () => {
    groupId = (await send(ec2.CreateSecurityGroupCommand, { GroupName: name("web"), Description: "web servers" })).GroupId;
    await send(ec2.AuthorizeSecurityGroupIngressCommand, {
      GroupId: groupId, IpPermissions: [{ IpProtocol: "tcp", FromPort: 22, ToPort: 22, IpRanges: [{ CidrIp: "192.0.2.0/24" }] }],
    });
    const group = (await send(ec2.DescribeSecurityGroupsCommand, { GroupIds: [groupId] })).SecurityGroups[0];
    equal(group.IpPermissions[0].IpRanges[0].CidrIp, "192.0.2.0/24", "rule");
  });
  await step("RunInstances", ["ImportKeyPair", "CreateSecurityGroup"], async () => {
    const answer = await send(ec2.RunInstancesCommand, {
      ImageId: site.image, InstanceType: "t1.micro", MinCount: 2, MaxCount: 2, KeyName: keyName, SecurityGroupIds: [groupId],
      Placement: { AvailabilityZone: site.zone }, UserData: Buffer.from(`#cloud-config\nhostname: ${site.prefix}\n`).toString("base64"),
    });
    ids = answer.Instances.map((i) => i.InstanceId);
    equal(answer.Instances.map((i) => i.SecurityGroups[0].GroupId), [groupId, groupId], "groups");
  });
  await step("wait until running", ["RunInstances"], async () => {
    await ec2.waitUntilInstanceRunning(quickly, { InstanceIds: ids });
  });
  await step("DescribeInstances with filters", ["wait until running"], async () => {
    const answer = await send(ec2.DescribeInstancesCommand, {
      Filters: [{ Name: "key-name", Values: [keyName] }, { Name: "instance-state-name", Values: ["running"] }],
    });
    equal(instancesOf(answer).map((i) => i.InstanceId).sort(), [...ids].sort(), "instances");
  });
  await step("CreateTags, DescribeTags", ["RunInstances"], async () => {
    await send(ec2.CreateTagsCommand, { Resources: [ids[0]], Tags: [{ Key: "role", Value: "web" }] });
    const tags = await send(ec2.DescribeTagsCommand, { Filters: [{ Name: "resource-id", Values: [ids[0]] }] });
    equal(tags.Tags.map((t) => [t.Key, t.Value]), [["role", "web"]], "tags");
    const tagged = await send(ec2.DescribeInstancesCommand, { Filters: [{ Name: "tag:role", Values: ["web"] }] });
    equal(instancesOf(tagged).map((i) => i.InstanceId), [ids[0]], "tagged");
  });
  await step("DescribeInstanceAttribute userData", ["RunInstances"], async () => {
    const answer = await send(ec2.DescribeInstanceAttributeCommand, { InstanceId: ids[0], Attribute: "userData" });
    equal(Buffer.from(answer.UserData.Value, "base64").toString(), `#cloud-config\nhostname: ${site.prefix}\n`, "user data");
  });
  await step("StopInstances", ["wait until running"], async () => {
    await send(ec2.StopInstancesCommand, { InstanceIds: [ids[0]] });
    await ec2.waitUntilInstanceStopped(quickly, { InstanceIds: [ids[0]] });
  });
  await step("ModifyInstanceAttribute instanceType", ["StopInstances"], async () => {
    await send(ec2.ModifyInstanceAttributeCommand, { InstanceId: ids[0], InstanceType: { Value: "m1.small" } });
    const answer = await send(ec2.DescribeInstanceAttributeCommand, { InstanceId: ids[0], Attribute: "instanceType" });
    equal(answer.InstanceType.Value, "m1.small", "type");
  });
  await step("StartInstances", ["StopInstances"], async () => {
    await send(ec2.StartInstancesCommand, { InstanceIds: [ids[0]] });
    await ec2.waitUntilInstanceRunning(quickly, { InstanceIds: [ids[0]] });
  });
  await step("GetConsoleOutput", ["wait until running"], async () => {
    const expected = site.bootLine.replace("{instance}", ids[1]);
    for (let tries = 0; tries < 40; tries++) {
      const answer = await send(ec2.GetConsoleOutputCommand, { InstanceId: ids[1] });
      if (Buffer.from(answer.Output || "", "base64").toString().includes(expected)) return;
      await new Promise((done) => setTimeout(done, 250));
    }
    throw new Error(`console of ${ids[1]} never showed ${JSON.stringify(expected)}`);
  });
  await step("AllocateAddress, AssociateAddress", ["wait until running"], async () => {
    allocation = await send(ec2.AllocateAddressCommand, {});
    await send(ec2.AssociateAddressCommand, { InstanceId: ids[1], AllocationId: allocation.AllocationId });
    const shown = await send(ec2.DescribeInstancesCommand, { InstanceIds: [ids[1]] });
    equal(instancesOf(shown)[0].PublicIpAddress, allocation.PublicIp, "public address");
  });
  await step("ReleaseAddress", ["AllocateAddress, AssociateAddress"], async () => {
    await send(ec2.ReleaseAddressCommand, { AllocationId: allocation.AllocationId });
    const left = await send(ec2.DescribeAddressesCommand, { Filters: [{ Name: "allocation-id", Values: [allocation.AllocationId] }] });
    equal(left.Addresses.length, 0, "addresses left");
  });
  await step("TerminateInstances", ["RunInstances"], async () => {
    await send(ec2.TerminateInstancesCommand, { InstanceIds: ids });
    await ec2.waitUntilInstanceTerminated(quickly, { InstanceIds: ids });
  });
  await step("DeleteSecurityGroup, DeleteKeyPair", ["TerminateInstances"], async () => {
    await send(ec2.DeleteSecurityGroupCommand, { GroupId: groupId });
    await send(ec2.DeleteKeyPairCommand, { KeyName: keyName });
    const keys = await send(ec2.DescribeKeyPairsCommand, { Filters: [{ Name: "key-name", Values: [keyName] }] });
    equal(keys.KeyPairs.length, 0, "key pairs left");
  });
}

main()
  .catch((error) => console.error(error))
  .finally(() => console.log(JSON.stringify({ client: `AWS SDK for JavaScript (@aws-sdk/client-ec2 ${version})`, steps })));
