using StandardsCloud.Compute;
using StandardsCloud.Compute.Images;
using StandardsCloud.Compute.Instances;
using StandardsCloud.Compute.KeyPairs;
using StandardsCloud.Compute.Ports;
using StandardsCloud.Compute.SecurityGroups;
using StandardsCloud.Compute.Volumes;
using StandardsCloud.Ec2Compat.Mapping.Volumes;
using StandardsCloud.Ec2Compat.Wire.Query;

namespace StandardsCloud.Ec2Compat.Mapping;

/// <summary>RunInstances, DescribeInstances and the instance state changes, over the core's instances.</summary>
public sealed class InstanceActions(
    InstanceService instances, ImageService images, KeyPairService keys, SecurityGroupService groups, InstanceLookup lookup, VolumeLookup volumes,
    InstanceViews views, InstanceXml xml, Ec2Options options)
{
    private const string DefaultType = "m1.small";
    private readonly FilterFields<InstanceView> _filters = InstanceFilters.For(options);

    // EC2 API reference, RunInstances: ImageId, MinCount and MaxCount are required.
    public async Task<Ec2Change> RunInstancesAsync(Ec2Call call)
    {
        var q = call.Query;
        if (q.Get("ImageId") is not { Length: > 0 } imageId)
        {
            return Ec2Result.Fail(Ec2ErrorCode.MissingParameter, "The request must contain the parameter ImageId");
        }

        if (!ResourceIds.IsWellFormed(imageId, ResourceIds.ImagePrefix))
        {
            return Ec2Result.Fail(Ec2ErrorCode.InvalidAmiIdMalformed, $"Invalid id: \"{imageId}\" (expecting \"ami-...\")");
        }

        if (!q.TryGetInt("MinCount", out var min, out var error) || !q.TryGetInt("MaxCount", out var max, out error))
        {
            return Ec2Result.Fail(q.Contains("MinCount") && q.Contains("MaxCount") ? Ec2ErrorCode.InvalidParameterValue : Ec2ErrorCode.MissingParameter, error);
        }

        if (min < 1 || max < min)
        {
            return Ec2Result.Fail(Ec2ErrorCode.InvalidParameterValue, $"MinCount ({min}) must be at least 1 and at most MaxCount ({max})");
        }

        if (!q.TryGetBool("DisableApiTermination", false, out var protect, out error))
        {
            return Ec2Result.Fail(Ec2ErrorCode.InvalidParameterValue, error);
        }

        var shutdownBehavior = q.Get("InstanceInitiatedShutdownBehavior");
        if (shutdownBehavior is not null && ShutdownBehaviors.Read(shutdownBehavior) is null)
        {
            return ShutdownBehaviors.Invalid(shutdownBehavior);
        }

        if (q.Get("Placement.AvailabilityZone") is { Length: > 0 } zone && zone != options.Zone)
        {
            return Ec2Result.Fail(Ec2ErrorCode.InvalidParameterValue, $"Invalid availability zone: [{zone}]");
        }

        var userData = q.Get("UserData");
        if (InstanceLookup.UserDataRefusal(userData) is { } badUserData)
        {
            return badUserData;
        }

        // EC2-Classic has no subnets: naming one is naming one that does not exist.
        if (q.Get("SubnetId") is { Length: > 0 } subnet)
        {
            return Ec2Result.Fail(Ec2ErrorCode.InvalidSubnetIdNotFound, $"The subnet ID '{subnet}' does not exist (this site has no VPC subnets)");
        }

        // EC2 API reference, RunInstances TagSpecification: the instances, and the volumes made from BlockDeviceMapping.
        var (tagged, tagError) = TagParameters.FromSpecifications(q, ["instance", "volume"]);
        if (tagError is not null)
        {
            return tagError;
        }

        var tags = tagged!.GetValueOrDefault("instance");

        var (disks, diskError) = await LaunchDisksAsync(call);
        if (diskError is not null)
        {
            return diskError;
        }

        // EC2 API reference, RunInstances: an image the caller cannot see is InvalidAMIID.NotFound (the site's image policy the launch applies).
        if (!(await images.GetAsync(call.Actor, imageId, call.Cancellation)).IsOk)
        {
            return Ec2Result.Fail(Ec2ErrorCode.InvalidAmiIdNotFound, $"The image id '[{imageId}]' does not exist");
        }

        var keyName = q.Get("KeyName");
        if (keyName is not null && await keys.FindAsync(call.Actor, keyName, call.Cancellation) is null)
        {
            return Ec2Result.Fail(Ec2ErrorCode.InvalidKeyPairNotFound, $"The key pair '{keyName}' does not exist");
        }

        var (groupIds, groupError) = await LaunchGroupsAsync(call);
        if (groupError is not null)
        {
            return groupError;
        }

        var request = new LaunchRequest(imageId, q.Get("InstanceType") ?? DefaultType, min, max, q.Get("ClientToken"),
            KeyName: keyName, UserData: userData, SecurityGroupIds: groupIds, DisableApiTermination: protect, Tags: tags,
            Disks: disks.Count == 0 ? null : disks, VolumeTags: tagged!.GetValueOrDefault("volume"),
            TerminateOnGuestShutdown: ShutdownBehaviors.Read(shutdownBehavior) ?? false);
        if (instances.LaunchProblem(request) is { } problem)
        {
            return Ec2Result.Fail(Ec2ErrorCode.InvalidParameterValue, problem);
        }

        return Ec2Change.To(async () =>
        {
            var launched = await instances.LaunchAsync(call.Actor, request, call.Cancellation);
            if (!launched.IsOk)
            {
                return launched.Status switch
                {
                    ComputeStatus.NotFound => Ec2Result.Fail(Ec2ErrorCode.InvalidAmiIdNotFound, $"The image id '[{imageId}]' does not exist"),
                    ComputeStatus.QuotaExceeded when launched.Quota == QuotaKind.VolumeGiB => Ec2Result.Fail(Ec2ErrorCode.VolumeLimitExceeded, launched.Reason!),
                    ComputeStatus.QuotaExceeded => Ec2Result.Fail(Ec2ErrorCode.InstanceLimitExceeded, launched.Reason!),
                    // EC2 API reference, Ensuring idempotency: a client token reused for another launch.
                    ComputeStatus.Duplicate => Ec2Result.Fail(Ec2ErrorCode.IdempotentParameterMismatch, launched.Reason!),
                    _ => Ec2Result.Fail(Ec2ErrorCode.InvalidParameterValue, launched.Reason!),
                };
            }

            var reservation = launched.Value!;
            var members = await views.OfAsync(call.Actor, reservation.Instances, call.Cancellation);
            return call.Respond(w => xml.WriteReservation(w, reservation.ReservationId, reservation.Owner, members));
        });
    }

    public async Task<Ec2Result> DescribeInstancesAsync(Ec2Call call)
    {
        var ids = call.Query.List("InstanceId");
        var filters = call.Query.Filters();
        if (!ids.IsValid || !filters.IsValid)
        {
            return Ec2Result.Fail(Ec2ErrorCode.InvalidParameterValue, ids.Error ?? filters.Error!);
        }

        var (paging, badPaging) = Paging.Read(call, options, ids.Count, "InstanceId");
        if (badPaging is not null)
        {
            return badPaging;
        }

        // When the store can apply every filter, it pages too: one more than a page tells whether another follows.
        var (listing, exact) = InstancePushdown.Narrow(new InstanceQuery(), filters);
        var pagedInStore = exact && ids.Count == 0 && paging!.Max is not null;
        if (pagedInStore)
        {
            listing = listing with { Skip = (int)Math.Min(paging!.Offset, int.MaxValue), Limit = paging.Max!.Value + 1 };
        }

        var found = await lookup.FindAsync(call, ids, listing);
        if (found.Error is { } missing)
        {
            return missing;
        }

        var all = await views.OfAsync(call.Actor, found.Instances!, call.Cancellation);
        var (selected, invalid) = ResourceFilters.Apply(all, filters, _filters);
        if (invalid is not null)
        {
            return invalid;
        }

        var (page, next) = pagedInStore ? paging!.Following(selected, options) : paging!.Take(selected, options);
        var reservations = page.GroupBy(v => v.Instance.ReservationId).ToList();
        return call.Respond(w => w
            .Set("reservationSet", reservations, (item, r) => xml.WriteReservation(item, r.Key, r.First().Instance.Owner, [.. r]))
            .Element("nextToken", next));
    }

    public Task<Ec2Change> TerminateInstancesAsync(Ec2Call call) => ChangeAsync(call, instances.TerminateAsync, protectedOnes: true);

    public Task<Ec2Change> StopInstancesAsync(Ec2Call call) => ChangeAsync(call, instances.StopAsync);

    public Task<Ec2Change> StartInstancesAsync(Ec2Call call) => ChangeAsync(call, instances.StartAsync);

    // EC2 API reference, RebootInstances: the answer is only return true.
    public Task<Ec2Change> RebootInstancesAsync(Ec2Call call) => ChangeAsync(call, instances.RebootAsync, answer: (c, _) => c.Respond(w => w.Element("return", true)));

    private async Task<Ec2Change> ChangeAsync(
        Ec2Call call, Func<Actor, string, CancellationToken, Task<Outcome<Instance>>> change, bool protectedOnes = false,
        Func<Ec2Call, IReadOnlyList<(Instance Before, Instance After)>, Ec2Result>? answer = null)
    {
        var ids = call.Query.List("InstanceId");
        if (!ids.IsValid || ids.Count == 0)
        {
            return Ec2Result.Fail(ids.IsValid ? Ec2ErrorCode.MissingParameter : Ec2ErrorCode.InvalidParameterValue,
                ids.Error ?? "The request must contain the parameter InstanceId");
        }

        var found = await lookup.FindAsync(call, ids);
        if (found.Error is { } missing)
        {
            return missing;
        }

        // A protected instance refuses the whole request before any instance changes.
        if (protectedOnes && found.Instances!.FirstOrDefault(i => i.DisableApiTermination && i.State != InstanceState.Done) is { } kept)
        {
            return Ec2Result.Fail(Ec2ErrorCode.OperationNotPermitted,
                $"The instance '{kept.Id}' may not be terminated. Modify its 'disableApiTermination' instance attribute and try again.");
        }

        return Ec2Change.To(async () =>
        {
            var changes = new List<(Instance Before, Instance After)>();
            foreach (var before in found.Instances!)
            {
                var after = await change(call.Actor, before.Id, call.Cancellation);
                if (!after.IsOk)
                {
                    return InstanceLookup.Refused(after);
                }

                changes.Add((before, after.Value!));
            }

            return (answer ?? States)(call, changes);
        });
    }

    private static Ec2Result States(Ec2Call call, IReadOnlyList<(Instance Before, Instance After)> changes) =>
        call.Respond(w => w.Set("instancesSet", changes, (item, c) =>
        {
            item.Element("instanceId", c.After.Id);
            InstanceStates.Write(item, "currentState", InstanceStates.Of(c.After));
            InstanceStates.Write(item, "previousState", InstanceStates.Of(c.Before));
        }));

    // BlockDeviceMapping.N with Ebs: new volumes, each from a size or one of the caller's snapshots.
    private async Task<(IReadOnlyList<LaunchDisk> Disks, Ec2Result? Error)> LaunchDisksAsync(Ec2Call call)
    {
        var (disks, error) = BlockDeviceMappings.Read(call.Query);
        foreach (var snapshotId in disks.Select(d => d.SnapshotId).OfType<string>().Distinct(StringComparer.Ordinal))
        {
            error ??= (await volumes.FindSnapshotAsync(call, snapshotId)).Error;
        }

        return (disks, error);
    }

    // SecurityGroup.N names and SecurityGroupId.N ids of the caller's groups; none (null) means the default group.
    private async Task<(IReadOnlyList<string>? Ids, Ec2Result? Error)> LaunchGroupsAsync(Ec2Call call)
    {
        var names = call.Query.List("SecurityGroup");
        var ids = call.Query.List("SecurityGroupId");
        if (!names.IsValid || !ids.IsValid)
        {
            return ([], Ec2Result.Fail(Ec2ErrorCode.InvalidParameterValue, names.Error ?? ids.Error!));
        }

        if (ids.FirstOrDefault(id => !ResourceIds.IsWellFormed(id, ResourceIds.SecurityGroupPrefix)) is { } malformed)
        {
            return ([], Ec2Result.Fail(Ec2ErrorCode.InvalidGroupIdMalformed, $"Invalid id: \"{malformed}\" (expecting \"sg-...\")"));
        }

        if (names.Count == 0 && ids.Count == 0)
        {
            return (null, null);
        }

        var own = await groups.ListAsync(call.Actor, call.Cancellation);
        var chosen = new List<string>();
        foreach (var (value, byName) in names.Select(n => (n, true)).Concat(ids.Select(i => (i, false))))
        {
            if (own.FirstOrDefault(g => byName ? g.Name == value : g.Id == value) is not { } group)
            {
                return ([], Ec2Result.Fail(Ec2ErrorCode.InvalidGroupNotFound, $"The security group '{value}' does not exist"));
            }

            if (!chosen.Contains(group.Id))
            {
                chosen.Add(group.Id);
            }
        }

        return (chosen, null);
    }
}
