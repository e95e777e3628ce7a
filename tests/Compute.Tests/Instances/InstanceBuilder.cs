using StandardsCloud.Compute.Instances;

namespace StandardsCloud.Compute.Tests.Instances;

/// <summary>Builds instances in a given state the way their events would.</summary>
internal static class InstanceBuilder
{
    public static readonly EventContext Ctx = new("alice", "api", DateTimeOffset.UnixEpoch);

    public static Instance In(InstanceState state, InstanceIntent intent = InstanceIntent.Run, string owner = "alice")
    {
        var instance = Instance.From(new InstanceRequested(Ctx, "i-0123456789abcdef0", owner, "r-0123456789abcdef0", 0,
            "ami-0123456789abcdef0", "m1.small", 1, 1536, null, null));
        instance.Version = 1;
        if (state != InstanceState.Pending)
        {
            instance.When(new InstancePlaced(Ctx, "host-1"));
            instance.When(new InstanceTransitioned(Ctx, InstanceState.Pending, state, null));
        }

        if (intent != InstanceIntent.Run)
        {
            instance.When(new InstanceIntentChanged(Ctx, intent, null));
        }

        return instance;
    }
}
