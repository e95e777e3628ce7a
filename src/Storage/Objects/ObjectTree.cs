namespace StandardsCloud.Storage.Objects;

/// <summary>
/// An object's record with the records of everything below it, in path order (nothing below a data
/// object, a queue or a reference): what a move carries along.
/// </summary>
public sealed record ObjectTree(StoredObject Root, IReadOnlyList<StoredObject> Below);
