using StandardsCloud.Compute;
using StandardsCloud.Compute.Instances;
using StandardsCloud.Compute.KeyPairs;
using StandardsCloud.Compute.Ports;
using StandardsCloud.Ec2Compat.Wire.Query;

namespace StandardsCloud.Ec2Compat.Mapping;

/// <summary>RunInstances, DescribeInstances and the instance state changes, over the core's instances.</summary>
public sealed class InstanceActions(InstanceService instances, KeyPairService keys, Ec2Options options)
{
    private const string DefaultType = "m1.small";
    private readonly IReadOnlyDictionary<string, Func<Instance, string>> _filters = InstanceFilters.For(options);

    // EC2 API reference, RunInstances: ImageId, MinCount and MaxCount are required.
    public async Task<Ec2Result> RunInstancesAsync(Ec2Call call)
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

        if (DryRun(call) is { } dry)
        {
            return dry;
        }

        var keyName = q.Get("KeyName");
        if (keyName is not null && await keys.FindAsync(call.Actor, keyName, call.Cancellation) is null)
        {
            return Ec2Result.Fail(Ec2ErrorCode.InvalidKeyPairNotFound, $"The key pair '{keyName}' does not exist");
        }

        var launched = await instances.LaunchAsync(call.Actor,
            new LaunchRequest(imageId, q.Get("InstanceType") ?? DefaultType, min, max, q.Get("ClientToken"), KeyName: keyName), call.Cancellation);
        if (!launched.IsOk)
        {
            return launched.Status switch
            {
                ComputeStatus.NotFound => Ec2Result.Fail(Ec2ErrorCode.InvalidAmiIdNotFound, $"The image id '[{imageId}]' does not exist"),
                ComputeStatus.QuotaExceeded => Ec2Result.Fail(Ec2ErrorCode.InstanceLimitExceeded, launched.Reason!),
                _ => Ec2Result.Fail(Ec2ErrorCode.InvalidParameterValue, launched.Reason!),
            };
        }

        var reservation = launched.Value!;
        return call.Respond(w => WriteReservation(w.Element("reservationId", reservation.ReservationId), reservation.Owner, reservation.Instances));
    }

    public async Task<Ec2Result> DescribeInstancesAsync(Ec2Call call)
    {
        var ids = call.Query.List("InstanceId");
        var filters = call.Query.Filters();
        if (!ids.IsValid || !filters.IsValid)
        {
            return Ec2Result.Fail(Ec2ErrorCode.InvalidParameterValue, ids.Error ?? filters.Error!);
        }

        if (!MaxResults.TryRead(call.Query, out var max, out var error))
        {
            return Ec2Result.Fail(Ec2ErrorCode.InvalidParameterValue, error);
        }

        if (MaxResults.CombinationError(max, ids.Count, "InstanceId") is { } combination)
        {
            return Ec2Result.Fail(Ec2ErrorCode.InvalidParameterCombination, combination);
        }

        // A token is good only for the listing (caller and filters) it was issued for.
        var scope = $"DescribeInstances|{call.Actor.UserId}|{string.Join('|', filters.Select(f => f.Name + "=" + string.Join(',', f.Values)))}";
        var offset = 0L;
        if (call.Query.Get("NextToken") is { Length: > 0 } token && !PageToken.TryDecodeOffset(options.PageKey, scope, token, out offset, out error))
        {
            return Ec2Result.Fail(Ec2ErrorCode.InvalidPaginationToken, error);
        }

        var found = await FindAsync(call, ids);
        if (found.Error is { } missing)
        {
            return missing;
        }

        var (selected, invalid) = ResourceFilters.Apply(found.Instances!, filters, _filters);
        if (invalid is not null)
        {
            return invalid;
        }

        var page = selected.Skip((int)Math.Min(offset, int.MaxValue)).Take(max ?? int.MaxValue).ToList();
        var next = max is { } size && offset + size < selected.Count ? PageToken.Encode(options.PageKey, scope, offset + size) : null;
        var reservations = page.GroupBy(i => i.ReservationId).ToList();
        return call.Respond(w => w
            .Set("reservationSet", reservations, (item, r) => WriteReservation(item.Element("reservationId", r.Key), r.First().Owner, [.. r]))
            .Element("nextToken", next));
    }

    public Task<Ec2Result> TerminateInstancesAsync(Ec2Call call) => ChangeAsync(call, instances.TerminateAsync);

    public Task<Ec2Result> StopInstancesAsync(Ec2Call call) => ChangeAsync(call, instances.StopAsync);

    public Task<Ec2Result> StartInstancesAsync(Ec2Call call) => ChangeAsync(call, instances.StartAsync);

    public async Task<Ec2Result> RebootInstancesAsync(Ec2Call call)
    {
        var changed = await ChangeAsync(call, instances.RebootAsync);
        return changed.Error is null ? call.Respond(w => w.Element("return", true)) : changed;
    }

    private async Task<Ec2Result> ChangeAsync(Ec2Call call, Func<Actor, string, CancellationToken, Task<Outcome<Instance>>> change)
    {
        var ids = call.Query.List("InstanceId");
        if (!ids.IsValid || ids.Count == 0)
        {
            return Ec2Result.Fail(ids.IsValid ? Ec2ErrorCode.MissingParameter : Ec2ErrorCode.InvalidParameterValue,
                ids.Error ?? "The request must contain the parameter InstanceId");
        }

        var found = await FindAsync(call, ids);
        if (found.Error is { } missing)
        {
            return missing;
        }

        if (DryRun(call) is { } dry)
        {
            return dry;
        }

        var changes = new List<(Instance Before, Instance After)>();
        foreach (var before in found.Instances!)
        {
            var after = await change(call.Actor, before.Id, call.Cancellation);
            if (!after.IsOk)
            {
                return Ec2Result.Fail(after.Status == ComputeStatus.IncorrectState ? Ec2ErrorCode.IncorrectInstanceState : Ec2ErrorCode.InvalidParameterValue,
                    after.Reason!);
            }

            changes.Add((before, after.Value!));
        }

        return call.Respond(w => w.Set("instancesSet", changes, (item, c) =>
        {
            item.Element("instanceId", c.After.Id);
            InstanceStates.Write(item, "currentState", InstanceStates.Of(c.After));
            InstanceStates.Write(item, "previousState", InstanceStates.Of(c.Before));
        }));
    }

    /// <summary>The caller's instances named by <paramref name="ids"/>, or all of them when none are named.</summary>
    private async Task<(IReadOnlyList<Instance>? Instances, Ec2Result? Error)> FindAsync(Ec2Call call, IReadOnlyList<string> ids)
    {
        if (ids.Count == 0)
        {
            return (await instances.ListAsync(call.Actor, new InstanceQuery { Owner = call.Actor.UserId }, call.Cancellation), null);
        }

        if (ids.FirstOrDefault(id => !ResourceIds.IsWellFormed(id, ResourceIds.InstancePrefix)) is { } malformed)
        {
            return (null, Ec2Result.Fail(Ec2ErrorCode.InvalidInstanceIdMalformed, $"Invalid id: \"{malformed}\""));
        }

        var found = new List<Instance>();
        foreach (var id in ids.Distinct(StringComparer.Ordinal))
        {
            // Owner-scoped: another user's instance does not exist for this caller.
            var instance = await instances.GetAsync(call.Actor, id, call.Cancellation);
            if (!instance.IsOk || instance.Value!.Owner != call.Actor.UserId)
            {
                return (null, Ec2Result.Fail(Ec2ErrorCode.InvalidInstanceIdNotFound, $"The instance ID '{id}' does not exist"));
            }

            found.Add(instance.Value);
        }

        return (found, null);
    }

    private static Ec2Result? DryRun(Ec2Call call) =>
        call.Query.TryGetBool("DryRun", false, out var dryRun, out var error) switch
        {
            false => Ec2Result.Fail(Ec2ErrorCode.InvalidParameterValue, error),
            true when dryRun => Ec2Result.Fail(Ec2ErrorCode.DryRunOperation, "Request would have succeeded, but DryRun flag is set."),
            _ => null,
        };

    private void WriteReservation(Ec2XmlWriter w, string owner, IReadOnlyList<Instance> members) => w
        .Element("ownerId", owner)
        .Set("groupSet", Array.Empty<string>(), (_, _) => { })
        .Set("instancesSet", members, WriteInstance);

    private void WriteInstance(Ec2XmlWriter w, Instance i)
    {
        w.Element("instanceId", i.Id).Element("imageId", i.ImageId);
        InstanceStates.Write(w, "instanceState", InstanceStates.Of(i));
        w.Element("privateDnsName", "")
            .Element("dnsName", "")
            .Element("reason", i.StateReason ?? "")
            .Element("keyName", i.KeyName)
            .Element("amiLaunchIndex", i.LaunchIndex)
            .Set("productCodes", Array.Empty<string>(), (_, _) => { })
            .Element("instanceType", i.InstanceType)
            .Element("launchTime", i.RequestedAt)
            .Structure("placement", p => p.Element("availabilityZone", options.Zone).Element("tenancy", "default"))
            .Structure("monitoring", m => m.Element("state", "disabled"))
            .Set("groupSet", Array.Empty<string>(), (_, _) => { })
            .Element("architecture", "x86_64")
            .Element("rootDeviceType", "instance-store")
            .Set("blockDeviceMapping", Array.Empty<string>(), (_, _) => { })
            .Element("virtualizationType", "hvm")
            .Element("clientToken", i.ClientToken ?? "")
            .Element("hypervisor", "xen");
    }
}
