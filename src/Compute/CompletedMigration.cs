namespace StandardsCloud.Compute;

/// <summary>A one-time change of stored data that has been made; its presence keeps later server starts from making it again.</summary>
public sealed class CompletedMigration
{
    /// <summary>The migration's name.</summary>
    public string Id { get; set; } = "";

    public DateTimeOffset At { get; set; }

    /// <summary>What it changed, for people reading the store.</summary>
    public string Summary { get; set; } = "";
}
