using StandardsCloud.Compute.Instances;
using StandardsCloud.Ec2Compat.Wire.Query;

namespace StandardsCloud.Ec2Compat.Mapping;

/// <summary>
/// EC2's InstanceInitiatedShutdownBehavior: what the guest powering itself off does to its
/// instance, <c>stop</c> (the default) or <c>terminate</c>.
/// </summary>
public static class ShutdownBehaviors
{
    public static string Of(Instance instance) => instance.TerminateOnGuestShutdown ? "terminate" : "stop";

    /// <summary>True for terminate, false for stop, null for anything else.</summary>
    public static bool? Read(string? value) => value switch
    {
        "terminate" => true,
        "stop" => false,
        _ => null,
    };

    public static Ec2Result Invalid(string? value) => Ec2Result.Fail(Ec2ErrorCode.InvalidParameterValue,
        $"Value ({value}) for parameter instanceInitiatedShutdownBehavior is invalid. Allowed: stop, terminate");
}
