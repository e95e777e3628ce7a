using StandardsCloud.Compute;
using StandardsCloud.Compute.Instances;
using StandardsCloud.Ec2Compat.Wire.Query;

namespace StandardsCloud.Ec2Compat.Mapping;

/// <summary>
/// DescribeInstanceAttribute and ModifyInstanceAttribute. Instance type and user data change
/// only while the instance is stopped; disableApiTermination at any time.
/// </summary>
public sealed class InstanceAttributeActions(InstanceService instances, InstanceLookup lookup, InstanceViews views)
{
    // EC2 API reference, DescribeInstanceAttribute: the attribute names a caller may ask for.
    private static readonly string[] Known =
    [
        "instanceType", "kernel", "ramdisk", "userData", "disableApiTermination", "disableApiStop",
        "instanceInitiatedShutdownBehavior", "rootDeviceName", "blockDeviceMapping", "productCodes",
        "sourceDestCheck", "groupSet", "ebsOptimized", "sriovNetSupport", "enaSupport", "enclaveOptions",
    ];

    // ModifyInstanceAttribute's structured form: <Name>.Value, one attribute per call.
    private static readonly (string Parameter, string Attribute)[] ValueParameters =
    [
        ("InstanceType.Value", "instanceType"), ("UserData.Value", "userData"),
        ("DisableApiTermination.Value", "disableApiTermination"), ("DisableApiStop.Value", "disableApiStop"),
        ("InstanceInitiatedShutdownBehavior.Value", "instanceInitiatedShutdownBehavior"),
        ("Kernel.Value", "kernel"), ("Ramdisk.Value", "ramdisk"), ("SourceDestCheck.Value", "sourceDestCheck"),
        ("EbsOptimized.Value", "ebsOptimized"), ("SriovNetSupport.Value", "sriovNetSupport"), ("EnaSupport.Value", "enaSupport"),
    ];

    public async Task<Ec2Result> DescribeInstanceAttributeAsync(Ec2Call call)
    {
        if (call.Query.Get("Attribute") is not { Length: > 0 } attribute)
        {
            return Ec2Result.Fail(Ec2ErrorCode.MissingParameter, "The request must contain the parameter Attribute");
        }

        if (!Known.Contains(attribute, StringComparer.Ordinal))
        {
            return Ec2Result.Fail(Ec2ErrorCode.InvalidParameterValue,
                $"Value ({attribute}) for parameter attribute is invalid. Allowed: {string.Join(", ", Known)}");
        }

        var (instance, error) = await lookup.FindOneAsync(call);
        if (error is not null)
        {
            return error;
        }

        var view = (await views.OfAsync(call.Actor, [instance!], call.Cancellation))[0];
        return call.Respond(w =>
        {
            w.Element("instanceId", instance!.Id);
            switch (attribute)
            {
                case "groupSet":
                    w.Set("groupSet", view.Groups, (item, g) => item.Element("groupId", g.Id).Element("groupName", g.Name));
                    break;
                case "blockDeviceMapping":
                    w.BlockDeviceMapping(view.Disks);
                    break;
                case "productCodes":
                    w.Set(attribute, Array.Empty<string>(), (_, _) => { });
                    break;
                case "enclaveOptions":
                    w.Structure(attribute, e => e.Element("enabled", false));
                    break;
                default:
                    w.Structure(attribute, v => v.Element("value", ValueOf(instance!, attribute)));
                    break;
            }
        });
    }

    public async Task<Ec2Result> ModifyInstanceAttributeAsync(Ec2Call call)
    {
        var q = call.Query;
        var given = ValueParameters.Where(p => q.Contains(p.Parameter)).ToList();
        if (q.Get("Attribute") is { Length: > 0 } named)
        {
            if (!q.Contains("Value"))
            {
                return Ec2Result.Fail(Ec2ErrorCode.MissingParameter, "The request must contain the parameter Value with Attribute");
            }

            given.Add(("Value", named));
        }

        if (given.Count != 1)
        {
            return Ec2Result.Fail(given.Count == 0 ? Ec2ErrorCode.MissingParameter : Ec2ErrorCode.InvalidParameterCombination,
                "Name exactly one attribute to modify, as <Name>.Value or as Attribute with Value");
        }

        var (instance, error) = await lookup.FindOneAsync(call);
        if (error is not null)
        {
            return error;
        }

        var (parameter, attribute) = given[0];
        var value = q.Get(parameter)!;
        Outcome<Instance> changed;
        switch (attribute)
        {
            case "instanceType":
                changed = await instances.ResizeAsync(call.Actor, instance!.Id, value, call.Cancellation);
                break;
            case "userData":
                if (InstanceLookup.UserDataRefusal(value) is { } refused)
                {
                    return refused;
                }

                changed = await instances.ReplaceUserDataAsync(call.Actor, instance!.Id, value.Length == 0 ? null : value, call.Cancellation);
                break;
            case "disableApiTermination":
                if (!q.TryGetBool(parameter, out var disabled, out var bad))
                {
                    return Ec2Result.Fail(Ec2ErrorCode.InvalidParameterValue, bad);
                }

                changed = await instances.ProtectFromTerminationAsync(call.Actor, instance!.Id, disabled, call.Cancellation);
                break;
            default:
                return Ec2Result.Fail(Ec2ErrorCode.InvalidParameterValue,
                    $"The attribute '{attribute}' cannot be modified here; instanceType, userData and disableApiTermination can");
        }

        return changed.IsOk ? call.Respond(w => w.Element("return", true)) : InstanceLookup.Refused(changed);
    }

    private static string? ValueOf(Instance i, string attribute) => attribute switch
    {
        "instanceType" => i.InstanceType,
        "userData" => i.UserData,
        "disableApiTermination" => i.DisableApiTermination ? "true" : "false",
        "disableApiStop" or "ebsOptimized" or "enaSupport" => "false",
        "sourceDestCheck" => "true",
        "instanceInitiatedShutdownBehavior" => "stop",
        "rootDeviceName" => InstanceXml.RootDeviceName,
        _ => null,
    };
}
