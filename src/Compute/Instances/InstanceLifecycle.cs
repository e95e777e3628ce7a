namespace StandardsCloud.Compute.Instances;

/// <summary>The legal moves between instance states. Anything else is refused as a status value.</summary>
public static class InstanceLifecycle
{
    private static readonly Dictionary<InstanceState, InstanceState[]> Moves = new()
    {
        [InstanceState.Pending] = [InstanceState.Prolog, InstanceState.Done, InstanceState.Failed],
        [InstanceState.Prolog] = [InstanceState.Boot, InstanceState.Running, InstanceState.Shutdown, InstanceState.Unknown, InstanceState.Failed],
        [InstanceState.Boot] = [InstanceState.Running, InstanceState.Stopped, InstanceState.Shutdown, InstanceState.Unknown, InstanceState.Failed],
        [InstanceState.Running] = [InstanceState.Shutdown, InstanceState.Stopped, InstanceState.Suspended, InstanceState.Unknown, InstanceState.Failed],
        [InstanceState.Shutdown] = [InstanceState.Epilog, InstanceState.Stopped, InstanceState.Boot, InstanceState.Unknown, InstanceState.Failed],
        [InstanceState.Epilog] = [InstanceState.Done, InstanceState.Failed],
        [InstanceState.Done] = [],
        [InstanceState.Stopped] = [InstanceState.Boot, InstanceState.Shutdown, InstanceState.Unknown, InstanceState.Failed],
        [InstanceState.Suspended] = [InstanceState.Running, InstanceState.Shutdown, InstanceState.Unknown, InstanceState.Failed],
        [InstanceState.Unknown] =
        [
            InstanceState.Prolog, InstanceState.Boot, InstanceState.Running, InstanceState.Shutdown,
            InstanceState.Stopped, InstanceState.Suspended, InstanceState.Epilog, InstanceState.Failed,
        ],
        [InstanceState.Failed] = [InstanceState.Done],
    };

    /// <summary>Every state but the final ones (done and failed): the instance still uses what it was given.</summary>
    public static IReadOnlyCollection<InstanceState> Live { get; } =
        [.. Enum.GetValues<InstanceState>().Where(s => s is not (InstanceState.Done or InstanceState.Failed))];

    /// <summary>True when an instance may move from <paramref name="from"/> to <paramref name="to"/>.</summary>
    public static bool CanMove(InstanceState from, InstanceState to) => Moves[from].Contains(to);

    /// <summary>States in which an instance holds a share of its host.</summary>
    public static bool HoldsHost(InstanceState state) =>
        state is not (InstanceState.Pending or InstanceState.Done or InstanceState.Failed);

    /// <summary>States that count against the owner's quota.</summary>
    public static bool CountsForQuota(InstanceState state) =>
        state is not (InstanceState.Done or InstanceState.Failed);

    /// <summary>Final states: nothing happens to the instance any more except history reads.</summary>
    public static bool IsFinal(InstanceState state) => state == InstanceState.Done;
}
