using StandardsCloud.Ec2Compat.Wire.Query;

namespace StandardsCloud.Ec2Compat.Mapping;

/// <summary>An action as the dispatcher runs it: for real, or as a dry run.</summary>
public delegate Task<Ec2Result> Ec2Action(Ec2Call call, bool dryRun);

/// <summary>
/// The two kinds of action, and what <c>DryRun</c> does to each (EC2 API reference, common
/// parameters: DryRun). A dry run checks the request as the real call would, parameters and the
/// resources it names, and answers that call's error, or DryRunOperation where the call would
/// have gone on; it changes nothing.
/// </summary>
public static class Ec2Actions
{
    /// <summary>The answer to a dry run that passed every check.</summary>
    public static readonly Ec2Result DryRunSucceeded =
        Ec2Result.Fail(Ec2ErrorCode.DryRunOperation, "Request would have succeeded, but DryRun flag is set.");

    /// <summary>An action that changes nothing: a dry run runs it whole and answers its error, or DryRunOperation in place of its answer.</summary>
    public static Ec2Action Reading(Func<Ec2Call, Task<Ec2Result>> read) => async (call, dryRun) =>
    {
        var answer = await read(call);
        if (!dryRun || answer.Error is not null)
        {
            return answer;
        }

        answer.Xml?.Dispose();
        return DryRunSucceeded;
    };

    /// <summary>An action that changes state: its checks run either way; a dry run stops before the change.</summary>
    public static Ec2Action Changing(Func<Ec2Call, Task<Ec2Change>> check) => async (call, dryRun) =>
    {
        var change = await check(call);
        return change.Refusal ?? (dryRun ? DryRunSucceeded : await change.MakeAsync());
    };
}
