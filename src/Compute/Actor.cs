namespace StandardsCloud.Compute;

/// <summary>
/// Who asks for something and through which interface: recorded on every event so that the
/// history of a resource says who did what, from where.
/// </summary>
/// <param name="UserId">The user, or a system principal such as <c>scheduler</c> or <c>node:host-1</c>.</param>
/// <param name="IsAdmin">Administrators see and act on every user's resources.</param>
/// <param name="Via">The interface: <c>api</c>, <c>ec2</c>, <c>occi</c>, <c>cdmi</c>, <c>node</c>, <c>core</c>.</param>
public sealed record Actor(string UserId, bool IsAdmin, string Via)
{
    /// <summary>The core itself (scheduler, heartbeat monitor, reconciliation).</summary>
    public static Actor Core(string what) => new(what, IsAdmin: true, Via: "core");

    /// <summary>A node daemon reporting on its host.</summary>
    public static Actor Node(string hostId) => new("node:" + hostId, IsAdmin: true, Via: "node");

    /// <summary>True when this actor may see or change a resource owned by <paramref name="owner"/>.</summary>
    public bool MayAccess(string owner) => IsAdmin || string.Equals(owner, UserId, StringComparison.Ordinal);
}
