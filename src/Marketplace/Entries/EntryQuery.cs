namespace StandardsCloud.Marketplace.Entries;

/// <summary>Which entries a listing or search returns. Null or empty fields match everything.</summary>
public sealed record EntryQuery
{
    public string? Identifier { get; init; }
    public string? Email { get; init; }
    public string? Created { get; init; }

    /// <summary><c>valid</c> (the default), <c>expired</c>, <c>deprecated</c> or <c>all</c> (every entry ever stored).</summary>
    public string Status { get; init; } = "valid";
    public string? Location { get; init; }
    public string? Tag { get; init; }
    public string? Os { get; init; }
    public string? Arch { get; init; }

    /// <summary>Words that must appear in the title, description, tags, os or endorser.</summary>
    public string? Text { get; init; }
    public int Limit { get; init; } = 100;

    public static IReadOnlySet<string> Statuses { get; } = new HashSet<string>(StringComparer.Ordinal) { "valid", "expired", "deprecated", "all" };
}
