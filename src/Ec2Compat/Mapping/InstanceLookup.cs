using StandardsCloud.Compute;
using StandardsCloud.Compute.Instances;
using StandardsCloud.Compute.Ports;
using StandardsCloud.Ec2Compat.Wire.Query;

namespace StandardsCloud.Ec2Compat.Mapping;

/// <summary>The caller's instances named by an action's <c>InstanceId.N</c> (or one <c>InstanceId</c>).</summary>
public sealed class InstanceLookup(InstanceService instances)
{
    /// <summary>The caller's instances named by <paramref name="ids"/>, or those <paramref name="listing"/> selects (all by default) when none are named.</summary>
    public async Task<(IReadOnlyList<Instance>? Instances, Ec2Result? Error)> FindAsync(Ec2Call call, IReadOnlyList<string> ids, InstanceQuery? listing = null)
    {
        if (ids.Count == 0)
        {
            return (await instances.ListAsync(call.Actor, (listing ?? new InstanceQuery()) with { Owner = call.Actor.UserId }, call.Cancellation), null);
        }

        if (ids.FirstOrDefault(id => !ResourceIds.IsWellFormed(id, ResourceIds.InstancePrefix)) is { } malformed)
        {
            return (null, Ec2Result.Fail(Ec2ErrorCode.InvalidInstanceIdMalformed, $"Invalid id: \"{malformed}\""));
        }

        var found = new List<Instance>();
        var missing = new List<string>();
        foreach (var id in ids.Distinct(StringComparer.Ordinal))
        {
            // Owner-scoped: another user's instance does not exist for this caller.
            var instance = await instances.GetAsync(call.Actor, id, call.Cancellation);
            if (!instance.IsOk || instance.Value!.Owner != call.Actor.UserId)
            {
                missing.Add(id);
                continue;
            }

            found.Add(instance.Value);
        }

        // EC2 names every id it did not find, not only the first.
        return missing.Count > 0 ? (null, NotFound(string.Join(", ", missing))) : (found, null);
    }

    /// <summary>The one instance an action such as GetConsoleOutput names by <c>InstanceId</c>.</summary>
    public async Task<(Instance? Instance, Ec2Result? Error)> FindOneAsync(Ec2Call call)
    {
        // boto 2 sends the one id as a list (InstanceId.1).
        var listed = call.Query.List("InstanceId");
        var id = call.Query.Get("InstanceId") ?? (listed.IsValid && listed.Count == 1 ? listed[0] : null);
        if (id is not { Length: > 0 })
        {
            return (null, Ec2Result.Fail(Ec2ErrorCode.MissingParameter, "The request must contain the parameter InstanceId"));
        }

        var (found, error) = await FindAsync(call, [id]);
        return (found?[0], error);
    }

    public static Ec2Result NotFound(string ids) => Ec2Result.Fail(Ec2ErrorCode.InvalidInstanceIdNotFound,
        ids.Contains(',', StringComparison.Ordinal) ? $"The instance IDs '{ids}' do not exist" : $"The instance ID '{ids}' does not exist");

    /// <summary>User data EC2 refuses: InvalidUserData.Malformed when it is not base64, else too large.</summary>
    public static Ec2Result? UserDataRefusal(string? userData) => UserData.ProblemOf(userData) switch
    {
        null => null,
        { NotBase64: true } problem => Ec2Result.Fail(Ec2ErrorCode.InvalidUserDataMalformed, problem.Reason),
        var problem => Ec2Result.Fail(Ec2ErrorCode.InvalidParameterValue, problem.Reason),
    };

    /// <summary>A core refusal of an instance change, as EC2 codes it.</summary>
    public static Ec2Result Refused<T>(Outcome<T> outcome) => outcome.Status switch
    {
        ComputeStatus.IncorrectState => Ec2Result.Fail(Ec2ErrorCode.IncorrectInstanceState, outcome.Reason!),
        ComputeStatus.NotPermitted => Ec2Result.Fail(Ec2ErrorCode.OperationNotPermitted, outcome.Reason!),
        ComputeStatus.NotFound => Ec2Result.Fail(Ec2ErrorCode.InvalidInstanceIdNotFound, outcome.Reason!),
        ComputeStatus.QuotaExceeded => Ec2Result.Fail(Ec2ErrorCode.InstanceLimitExceeded, outcome.Reason!),
        ComputeStatus.Conflict => Ec2Result.Fail(Ec2ErrorCode.RequestLimitExceeded, outcome.Reason!),
        _ => Ec2Result.Fail(Ec2ErrorCode.InvalidParameterValue, outcome.Reason!),
    };
}
