namespace StandardsCloud.Storage;

/// <summary>What the store answers; each front-end turns these into its own status codes.</summary>
public enum StorageStatus
{
    Ok,
    Created,
    NotFound,
    ParentNotFound,
    AlreadyExists,
    NotAContainer,
    NotADataObject,
    Forbidden,
    Conflict,
    TooLarge,
    InvalidRequest,
    LengthMismatch,

    /// <summary>A condition the request set on the object's current state did not hold.</summary>
    PreconditionFailed,
}

/// <summary>A status with a value when it succeeded and a readable message when it did not.</summary>
public sealed record StorageResult<T>(StorageStatus Status, T? Value, string Message)
{
    public bool Succeeded => Status is StorageStatus.Ok or StorageStatus.Created;

    public static StorageResult<T> Done(T value, StorageStatus status = StorageStatus.Ok) => new(status, value, "");

    public static StorageResult<T> Fail(StorageStatus status, string message) => new(status, default, message);
}
