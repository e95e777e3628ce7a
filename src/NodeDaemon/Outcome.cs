using System.Diagnostics.CodeAnalysis;

namespace StandardsCloud.NodeDaemon;

/// <summary>
/// The result of an operation that can fail for reasons outside the program (libvirt, the network,
/// a disk): either success or a human-readable reason. Exceptions stay reserved for bugs.
/// </summary>
public readonly record struct Outcome
{
    private Outcome(string? error) => Error = error;

    /// <summary>Why the operation failed; null when it succeeded.</summary>
    public string? Error { get; }

    [MemberNotNullWhen(false, nameof(Error))]
    public bool IsOk => Error is null;

    public static Outcome Ok() => default;

    public static Outcome Fail(string error) => new(error);
}

/// <summary>A value, or the reason there is none.</summary>
public readonly record struct Outcome<T>
{
    private readonly T? _value;

    private Outcome(T? value, string? error)
    {
        _value = value;
        Error = error;
    }

    /// <summary>Why the operation failed; null when it succeeded.</summary>
    public string? Error { get; }

    [MemberNotNullWhen(false, nameof(Error))]
    public bool IsOk => Error is null;

    /// <summary>The value; reading it from a failed outcome is a programming error.</summary>
    public T Value => IsOk ? _value! : throw new InvalidOperationException($"No value: {Error}");

    public static Outcome<T> Ok(T value) => new(value, null);

    public static Outcome<T> Fail(string error) => new(default, error);

    public static implicit operator Outcome<T>(T value) => Ok(value);
}
