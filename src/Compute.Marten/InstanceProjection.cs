using JasperFx.Events;
using Marten.Events.Aggregation;
using StandardsCloud.Compute.Instances;

namespace StandardsCloud.Compute.Marten;

/// <summary>Projects an instance stream onto the current <see cref="Instance"/>, inline with each append.</summary>
public sealed class InstanceProjection : SingleStreamProjection<Instance, string>
{
    public override Instance? Evolve(Instance? snapshot, string id, IEvent e)
    {
        switch (e.Data)
        {
            case InstanceRequested requested:
                snapshot = Instance.From(requested);
                break;
            case IInstanceEvent change when snapshot is not null:
                snapshot.When(change);
                break;
            default:
                return snapshot;
        }

        snapshot.Version = e.Version;
        return snapshot;
    }
}
