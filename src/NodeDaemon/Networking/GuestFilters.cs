using Microsoft.Extensions.Logging;
using StandardsCloud.NodeDaemon.Libvirt;
using StandardsCloud.NodeProtocol;

namespace StandardsCloud.NodeDaemon.Networking;

/// <summary>
/// Keeps one libvirt network filter per guest (<see cref="GuestFilterXml"/>) in line with its
/// security groups. A filter is defined before its domain is defined or started, so a guest never
/// runs unfiltered; redefined when the rules change, which libvirt applies to the running guest at
/// once; and removed once its domain is gone. Only a node whose guests have an interface uses it.
/// </summary>
public sealed class GuestFilters(VirtConnection connection, ILogger logger)
{
    private readonly Lock _gate = new();

    // The rules each filter this process defined holds, by instance id.
    private readonly Dictionary<string, IReadOnlyList<InboundRule>> _applied = new(StringComparer.Ordinal);

    /// <summary>Defines or updates the domain's filter; nothing when the core sent no rules for it.</summary>
    public Outcome Ensure(DesiredDomain desired)
    {
        if (desired.Ingress is not { } rules)
        {
            return Outcome.Ok();
        }

        if (GuestFilterXml.Check(rules) is { } problem)
        {
            return Outcome.Fail(problem);
        }

        var name = GuestFilterXml.NameFor(desired.InstanceId);
        lock (_gate)
        {
            if (_applied.TryGetValue(desired.InstanceId, out var held) && held.SequenceEqual(rules))
            {
                return Outcome.Ok();
            }

            var found = connection.FindFilter(name);
            if (!found.IsOk)
            {
                return Outcome.Fail($"filter {name}: {found.Error}");
            }

            string? uuid = null;
            if (found.Value is { } existing)
            {
                using (existing)
                {
                    var xml = existing.GetXml();
                    if (!xml.IsOk)
                    {
                        return Outcome.Fail($"filter {name}: {xml.Error}");
                    }

                    uuid = GuestFilterXml.UuidOf(xml.Value);
                }
            }

            var defined = connection.DefineFilter(GuestFilterXml.Build(desired.InstanceId, rules, uuid));
            if (!defined.IsOk)
            {
                return Outcome.Fail($"filter {name}: {defined.Error}");
            }

            defined.Value.Dispose();
            _applied[desired.InstanceId] = rules;
            logger.FilterDefined(name, desired.InstanceId, rules.Count);
            return Outcome.Ok();
        }
    }

    /// <summary>Removes the instance's filter, if there is one; libvirt refuses while a running guest still uses it.</summary>
    public Outcome Remove(string instanceId)
    {
        var name = GuestFilterXml.NameFor(instanceId);
        lock (_gate)
        {
            var found = connection.FindFilter(name);
            if (!found.IsOk)
            {
                return Outcome.Fail($"filter {name}: {found.Error}");
            }

            if (found.Value is { } filter)
            {
                using (filter)
                {
                    var undefined = filter.Undefine();
                    if (!undefined.IsOk)
                    {
                        return Outcome.Fail($"filter {name}: {undefined.Error}");
                    }
                }
            }

            _applied.Remove(instanceId);
            return Outcome.Ok();
        }
    }

    /// <summary>
    /// Brings every filter in line with the desired state, read under the lock so an older state
    /// never overtakes a newer one: updates the rules of desired guests, and removes the filters this
    /// process defined for guests no longer desired (one still in use goes with its domain).
    /// </summary>
    public Outcome Apply(Func<IReadOnlyList<DesiredDomain>> desired)
    {
        lock (_gate)
        {
            var wanted = desired();
            var failures = new List<string>();
            foreach (var domain in wanted)
            {
                if (Ensure(domain) is { IsOk: false } failed)
                {
                    failures.Add(failed.Error);
                }
            }

            var ids = wanted.Where(d => d.Ingress is not null).Select(d => d.InstanceId).ToHashSet(StringComparer.Ordinal);
            foreach (var gone in _applied.Keys.Where(id => !ids.Contains(id)).ToList())
            {
                // A guest that still runs keeps its filter until its domain is undefined.
                Remove(gone);
            }

            var outcome = failures.Count == 0 ? Outcome.Ok() : Outcome.Fail(string.Join("; ", failures));
            if (!outcome.IsOk)
            {
                logger.FiltersFailed(outcome.Error);
            }

            return outcome;
        }
    }
}
