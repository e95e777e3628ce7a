namespace StandardsCloud.Storage.Access;

/// <summary>Who asks the store for something: an authenticated user, perhaps an administrator.</summary>
public sealed record StorageCaller(string UserId, bool IsAdmin);
