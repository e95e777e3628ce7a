using System.Globalization;
using System.Text;
using StandardsCloud.Compute.Instances;
using StandardsCloud.Ec2Compat.Wire.Query;

namespace StandardsCloud.Ec2Compat.Mapping;

/// <summary>DescribeInstanceStatus, GetConsoleOutput and GetPasswordData: how instances are doing, and what their consoles printed.</summary>
public sealed class InstanceStatusActions(InstanceService instances, InstanceLookup lookup, Ec2Options options)
{
    private readonly FilterFields<Instance> _filters = new()
    {
        ["availability-zone"] = _ => options.Zone,
        ["instance-state-name"] = i => InstanceStates.Of(i).Name,
        ["instance-state-code"] = i => InstanceStates.Of(i).Code.ToString(CultureInfo.InvariantCulture),
        ["instance-status.status"] = i => Health(i).Status,
        ["system-status.status"] = i => Health(i).Status,
        ["instance-status.reachability"] = i => Health(i).Reachability,
        ["system-status.reachability"] = i => Health(i).Reachability,
    };

    // EC2 API reference, DescribeInstanceStatus: running instances only unless IncludeAllInstances.
    public async Task<Ec2Result> DescribeInstanceStatusAsync(Ec2Call call)
    {
        var ids = call.Query.List("InstanceId");
        var filters = call.Query.Filters();
        if (!ids.IsValid || !filters.IsValid)
        {
            return Ec2Result.Fail(Ec2ErrorCode.InvalidParameterValue, ids.Error ?? filters.Error!);
        }

        if (!call.Query.TryGetBool("IncludeAllInstances", false, out var all, out var error))
        {
            return Ec2Result.Fail(Ec2ErrorCode.InvalidParameterValue, error);
        }

        var (paging, badPaging) = Paging.Read(call, options, ids.Count, "InstanceId");
        if (badPaging is not null)
        {
            return badPaging;
        }

        var found = await lookup.FindAsync(call, ids);
        if (found.Error is { } missing)
        {
            return missing;
        }

        var shown = found.Instances!.Where(i => all || InstanceStates.Of(i).Name == "running");
        var (selected, invalid) = ResourceFilters.Apply(shown, filters, _filters);
        if (invalid is not null)
        {
            return invalid;
        }

        var (page, next) = paging!.Take(selected, options);
        return call.Respond(w => w
            .Set("instanceStatusSet", page, (item, i) =>
            {
                var (status, reachability) = Health(i);
                item.Element("instanceId", i.Id).Element("availabilityZone", options.Zone);
                InstanceStates.Write(item, "instanceState", InstanceStates.Of(i));
                foreach (var kind in (string[])["systemStatus", "instanceStatus"])
                {
                    item.Structure(kind, s => s
                        .Element("status", status)
                        .Set("details", reachability is null ? [] : new[] { reachability }, (d, r) => d.Element("name", "reachability").Element("status", r)));
                }
            })
            .Element("nextToken", next));
    }

    public async Task<Ec2Result> GetConsoleOutputAsync(Ec2Call call)
    {
        var (instance, error) = await lookup.FindOneAsync(call);
        if (error is not null)
        {
            return error;
        }

        var console = await instances.ConsoleAsync(call.Actor, instance!.Id, call.Cancellation);
        var text = console.Value?.Text ?? "";
        return call.Respond(w => w
            .Element("instanceId", instance.Id)
            .Element("timestamp", instance.UpdatedAt)
            .Element("output", Convert.ToBase64String(Encoding.UTF8.GetBytes(text))));
    }

    // Only Windows guests print an encrypted password to their console; these never do, so it is empty.
    public async Task<Ec2Result> GetPasswordDataAsync(Ec2Call call)
    {
        var (instance, error) = await lookup.FindOneAsync(call);
        return error ?? call.Respond(w => w
            .Element("instanceId", instance!.Id)
            .Element("timestamp", instance.UpdatedAt)
            .Element("passwordData", ""));
    }

    // A running instance is ok, or impaired while its host is silent; other states have no checks.
    private static (string Status, string? Reachability) Health(Instance i) => i.State switch
    {
        InstanceState.Running or InstanceState.Suspended => ("ok", "passed"),
        InstanceState.Unknown => ("impaired", "failed"),
        InstanceState.Boot or InstanceState.Prolog => ("initializing", "initializing"),
        _ => ("not-applicable", null),
    };
}
