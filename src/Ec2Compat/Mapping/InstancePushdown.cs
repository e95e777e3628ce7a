using StandardsCloud.Compute.Instances;
using StandardsCloud.Compute.Ports;
using StandardsCloud.Ec2Compat.Wire.Query;

namespace StandardsCloud.Ec2Compat.Mapping;

/// <summary>
/// Hands the store the DescribeInstances filters it can apply itself, so a filtered listing reads
/// only the instances that may match. The filters are still applied in full afterwards; the
/// narrowing is <c>Exact</c> when the store alone gives the same answer, and only then may it
/// page in the store too.
/// </summary>
public static class InstancePushdown
{
    /// <summary>For a listing that names no ids: <paramref name="query"/> narrowed by what the store can filter.</summary>
    public static (InstanceQuery Query, bool Exact) Narrow(InstanceQuery query, IReadOnlyList<QueryFilter> filters)
    {
        var exact = true;
        var tags = new List<(string, IReadOnlyCollection<string>)>();
        foreach (var filter in filters)
        {
            var values = filter.Values;
            if (values.Any(v => v.AsSpan().IndexOfAny('*', '?', '\\') >= 0))
            {
                exact = false;
                continue;
            }

            switch (filter.Name)
            {
                case "instance-id": query = query with { Ids = values }; break;
                case "instance-type": query = query with { InstanceTypes = values }; break;
                case "image-id": query = query with { ImageIds = values }; break;
                case "reservation-id": query = query with { ReservationIds = values }; break;
                case "key-name": query = query with { KeyNames = values }; break;
                case "private-ip-address": query = query with { PrivateAddresses = values }; break;
                case "client-token" when values.Count == 1: query = query with { ClientToken = values[0] }; break;
                case "instance-state-name" when values.All(v => InstanceStates.TryCoreStates(v, out _, out _)):
                    var covered = new HashSet<InstanceState>();
                    foreach (var name in values)
                    {
                        InstanceStates.TryCoreStates(name, out var states, out var byStateAlone);
                        covered.UnionWith(states);
                        exact &= byStateAlone;
                    }

                    query = query with { States = covered };
                    break;
                case var name when name.StartsWith("tag:", StringComparison.Ordinal) && name.Length > 4:
                    tags.Add((name[4..], values));
                    break;
                case "tag-key" when values.Count == 1:
                    tags.Add((values[0], []));
                    break;
                default:
                    exact = false;
                    break;
            }
        }

        return (tags.Count == 0 ? query : query with { Tags = tags }, exact);
    }
}
