using StandardsCloud.Compute;
using StandardsCloud.Compute.Instances;
using StandardsCloud.Ec2Compat.Wire.Query;

namespace StandardsCloud.Ec2Compat.Mapping;

/// <summary>
/// Describe, Modify and ResetInstanceAttribute, as EC2-Classic answers them. Instance type and
/// user data change only while the instance is stopped; disableApiTermination at any time; the
/// VPC-only attributes (sourceDestCheck, a change of groups) are refused as a combination.
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

        if ((UnknownAttribute(attribute) ?? VpcOnly(attribute)) is { } refused)
        {
            return refused;
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

    public async Task<Ec2Change> ModifyInstanceAttributeAsync(Ec2Call call)
    {
        var q = call.Query;
        var given = ValueParameters.Where(p => q.Contains(p.Parameter)).ToList();
        if (q.Get("Attribute") is { Length: > 0 } named)
        {
            if (UnknownAttribute(named) is { } unknown)
            {
                return unknown;
            }

            if (!q.Contains("Value"))
            {
                return Ec2Result.Fail(Ec2ErrorCode.MissingParameter, "The request must contain the parameter Value with Attribute");
            }

            given.Add(("Value", named));
        }

        if (q.Contains("GroupId.1"))
        {
            given.Add(("GroupId.1", "groupSet"));
        }

        if (given.Count != 1)
        {
            return Ec2Result.Fail(Ec2ErrorCode.InvalidParameterCombination,
                "Name exactly one attribute to modify, as <Name>.Value or as Attribute with Value");
        }

        var (parameter, attribute) = given[0];
        if (VpcOnly(attribute) is { } vpcOnly)
        {
            return vpcOnly;
        }

        if (attribute == "groupSet")
        {
            return Ec2Result.Fail(Ec2ErrorCode.InvalidParameterCombination, "The security groups of an EC2-Classic instance are set at launch");
        }

        var (instance, error) = await lookup.FindOneAsync(call);
        if (error is not null)
        {
            return error;
        }

        var value = q.Get(parameter)!;
        // EC2 answers a change of these on an instance that is not stopped with IncorrectInstanceState, even to the same value.
        if (attribute is "instanceType" or "userData" && instance!.State != InstanceState.Stopped)
        {
            return NotStopped(instance);
        }

        Func<Task<Outcome<Instance>>> change;
        switch (attribute)
        {
            case "instanceType":
                if (instances.ResizeProblem(value) is { } notOffered)
                {
                    return Ec2Result.Fail(Ec2ErrorCode.InvalidParameterValue, notOffered);
                }

                change = () => instances.ResizeAsync(call.Actor, instance!.Id, value, call.Cancellation);
                break;
            case "userData":
                if (InstanceLookup.UserDataRefusal(value) is { } refused)
                {
                    return refused;
                }

                change = () => instances.ReplaceUserDataAsync(call.Actor, instance!.Id, value.Length == 0 ? null : value, call.Cancellation);
                break;
            case "disableApiTermination":
                if (!q.TryGetBool(parameter, out var disabled, out var bad))
                {
                    return Ec2Result.Fail(Ec2ErrorCode.InvalidParameterValue, bad);
                }

                change = () => instances.ProtectFromTerminationAsync(call.Actor, instance!.Id, disabled, call.Cancellation);
                break;
            case "instanceInitiatedShutdownBehavior":
                if (ShutdownBehaviors.Read(value) is not { } terminate)
                {
                    return ShutdownBehaviors.Invalid(value);
                }

                change = () => instances.ChangeShutdownBehaviorAsync(call.Actor, instance!.Id, terminate, call.Cancellation);
                break;
            default:
                return Ec2Result.Fail(Ec2ErrorCode.InvalidParameterValue,
                    $"The attribute '{attribute}' cannot be modified here; instanceType, userData, disableApiTermination and instanceInitiatedShutdownBehavior can");
        }

        return Ec2Change.To(async () =>
        {
            var changed = await change();
            return changed.IsOk ? call.Respond(w => w.Element("return", true)) : InstanceLookup.Refused(changed);
        });
    }

    /// <summary>
    /// EC2 API reference, ResetInstanceAttribute: only kernel, ramdisk (on a stopped instance) and
    /// sourceDestCheck (VPC only) reset. Instances here boot their image's own kernel, so resetting
    /// kernel or ramdisk leaves a stopped instance as it is.
    /// </summary>
    public async Task<Ec2Change> ResetInstanceAttributeAsync(Ec2Call call)
    {
        if (call.Query.Get("Attribute") is not { Length: > 0 } attribute)
        {
            return Ec2Result.Fail(Ec2ErrorCode.MissingParameter, "The request must contain the parameter Attribute");
        }

        if (VpcOnly(attribute) is { } refused)
        {
            return refused;
        }

        if (attribute is not ("kernel" or "ramdisk"))
        {
            return Ec2Result.Fail(Ec2ErrorCode.InvalidParameterValue,
                $"Value ({attribute}) for parameter attribute is invalid. Allowed: kernel, ramdisk, sourceDestCheck");
        }

        var (instance, error) = await lookup.FindOneAsync(call);
        if (error is not null)
        {
            return error;
        }

        if (instance!.State != InstanceState.Stopped)
        {
            return NotStopped(instance);
        }

        // Nothing to change: the instance keeps booting its image's kernel.
        return Ec2Change.To(() => Task.FromResult<Ec2Result>(call.Respond(w => w.Element("return", true))));
    }

    private static Ec2Result? UnknownAttribute(string attribute) => Known.Contains(attribute, StringComparer.Ordinal)
        ? null
        : Ec2Result.Fail(Ec2ErrorCode.InvalidParameterValue, $"Value ({attribute}) for parameter attribute is invalid. Allowed: {string.Join(", ", Known)}");

    // Instances here are EC2-Classic ones (DescribeAccountAttributes supported-platforms: EC2).
    private static Ec2Result? VpcOnly(string attribute) => attribute == "sourceDestCheck"
        ? Ec2Result.Fail(Ec2ErrorCode.InvalidParameterCombination, $"The attribute '{attribute}' is only for instances in a VPC")
        : null;

    private static Ec2Result NotStopped(Instance instance) => Ec2Result.Fail(Ec2ErrorCode.IncorrectInstanceState,
        $"The instance '{instance.Id}' is not in the 'stopped' state.");

    private static string? ValueOf(Instance i, string attribute) => attribute switch
    {
        "instanceType" => i.InstanceType,
        "userData" => i.UserData,
        "disableApiTermination" => i.DisableApiTermination ? "true" : "false",
        "disableApiStop" or "ebsOptimized" or "enaSupport" => "false",
        "instanceInitiatedShutdownBehavior" => ShutdownBehaviors.Of(i),
        "rootDeviceName" => InstanceXml.RootDeviceName,
        _ => null,
    };
}
