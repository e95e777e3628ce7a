using StandardsCloud.Compute.Instances;

namespace StandardsCloud.Ec2Compat.Mapping;

/// <summary>
/// The core's lifecycle as EC2 names it (EC2 API reference, InstanceState: the low byte is
/// 0 pending, 16 running, 32 shutting-down, 48 terminated, 64 stopping, 80 stopped).
/// </summary>
public static class InstanceStates
{
    public static (int Code, string Name) Of(Instance i) => i.State switch
    {
        InstanceState.Pending or InstanceState.Prolog or InstanceState.Boot => (0, "pending"),
        InstanceState.Running or InstanceState.Unknown or InstanceState.Suspended => (16, "running"),
        InstanceState.Shutdown when i.Intent == InstanceIntent.Stop => (64, "stopping"),
        InstanceState.Shutdown or InstanceState.Epilog => (32, "shutting-down"),
        InstanceState.Stopped => (80, "stopped"),
        _ => (48, "terminated"),
    };

    // The same mapping read backwards, for filters the store applies: Shutdown is stopping or
    // shutting-down by intent, so those two names need the intent checked too.
    private static readonly Dictionary<string, InstanceState[]> CoreStatesByName = new(StringComparer.Ordinal)
    {
        ["pending"] = [InstanceState.Pending, InstanceState.Prolog, InstanceState.Boot],
        ["running"] = [InstanceState.Running, InstanceState.Unknown, InstanceState.Suspended],
        ["stopping"] = [InstanceState.Shutdown],
        ["shutting-down"] = [InstanceState.Shutdown, InstanceState.Epilog],
        ["stopped"] = [InstanceState.Stopped],
        ["terminated"] = [InstanceState.Done, InstanceState.Failed],
    };

    /// <summary>
    /// The core states an EC2 state name covers, or false for an unknown name; <paramref name="byStateAlone"/>
    /// says whether the state alone decides the name (it does not for stopping and shutting-down).
    /// </summary>
    public static bool TryCoreStates(string name, out IReadOnlyList<InstanceState> states, out bool byStateAlone)
    {
        byStateAlone = name is not ("stopping" or "shutting-down");
        var known = CoreStatesByName.TryGetValue(name, out var found);
        states = found ?? [];
        return known;
    }

    /// <summary>
    /// Why the instance last left running, as EC2's StateReason names it: the owner stopped or
    /// terminated it, the guest shut itself down, or the site failed it; null while it runs.
    /// </summary>
    public static (string Code, string Message)? ReasonOf(Instance i) => (i.State, i.Intent) switch
    {
        (InstanceState.Shutdown or InstanceState.Epilog or InstanceState.Stopped or InstanceState.Done, _)
            when i.StateReason == InstanceReconciliation.GuestPoweredOffReason =>
            ("Client.InstanceInitiatedShutdown", "Client.InstanceInitiatedShutdown: Instance initiated shutdown"),
        (InstanceState.Failed, _) => ("Server.InternalError", "Server.InternalError: " + (i.StateReason ?? "the instance failed")),
        (InstanceState.Shutdown or InstanceState.Epilog or InstanceState.Stopped or InstanceState.Done, InstanceIntent.Stop or InstanceIntent.Terminate) =>
            ("Client.UserInitiatedShutdown", "Client.UserInitiatedShutdown: User initiated shutdown"),
        _ => null,
    };

    /// <summary>EC2's StateTransitionReason: "User initiated (time GMT)" after the owner's stop or terminate, else the reason's code.</summary>
    public static string TransitionReason(Instance i) => ReasonOf(i) switch
    {
        ("Client.UserInitiatedShutdown", _) => $"User initiated ({i.UpdatedAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture)} GMT)",
        ({ } code, _) => code,
        _ => "",
    };

    public static void Write(Wire.Query.Ec2XmlWriter w, string name, (int Code, string Name) state) =>
        w.Structure(name, s => s.Element("code", state.Code).Element("name", state.Name));
}
