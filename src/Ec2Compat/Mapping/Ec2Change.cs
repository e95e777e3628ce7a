namespace StandardsCloud.Ec2Compat.Mapping;

/// <summary>
/// What an action that changes state comes to once it has checked its request: the EC2 error its
/// checks found, or the change itself, which <see cref="Ec2Dispatcher"/> makes unless the call is
/// a dry run. Everything an action does before it answers one only reads: parameters, the
/// caller's role, the resources the request names.
/// </summary>
public sealed class Ec2Change
{
    private readonly Func<Task<Ec2Result>>? _make;

    private Ec2Change(Ec2Result? refusal, Func<Task<Ec2Result>>? make)
    {
        Refusal = refusal;
        _make = make;
    }

    /// <summary>The error the checks found; null when the change may be made.</summary>
    public Ec2Result? Refusal { get; }

    /// <summary>A request that passed its checks; <paramref name="make"/> changes state and answers.</summary>
    public static Ec2Change To(Func<Task<Ec2Result>> make) => new(null, make);

    /// <summary>Makes the change; only for a request that passed its checks.</summary>
    public Task<Ec2Result> MakeAsync() => _make is { } make ? make() : throw new InvalidOperationException("A refused request has no change to make");

    /// <summary>A refusal. Only an error converts: an answer comes from the change, after it is made.</summary>
    public static implicit operator Ec2Change(Ec2Result refusal) => refusal.Error is not null
        ? new(refusal, null)
        : throw new InvalidOperationException("A checked request answers through its change, not before it");
}
