namespace StandardsCloud.Storage.Values;

/// <summary>The outcome of writing a value: a pending value, or why there is none.</summary>
public sealed record ValueWrite(PendingValue? Value, ValueWriteFailure Failure) : IDisposable
{
    public void Dispose() => Value?.Dispose();

    public static ValueWrite Of(PendingValue value) => new(value, ValueWriteFailure.None);

    public static ValueWrite Fail(ValueWriteFailure failure) => new(null, failure);
}

/// <summary>Why a value was not written.</summary>
public enum ValueWriteFailure
{
    None,

    /// <summary>More bytes than the site allows for one value.</summary>
    TooLarge,

    /// <summary>The body had fewer or more bytes than the range it said it fills.</summary>
    LengthMismatch,

    /// <summary>The value a range write was to patch was removed meanwhile (its object was deleted).</summary>
    BaseGone,
}
