namespace StandardsCloud.Marketplace.Rdf;

/// <summary>A value, or every reason it could not be had. Reasons are written for the person who sent the document.</summary>
public readonly record struct RdfOutcome<T>(T? Value, IReadOnlyList<string> Problems)
{
    public bool IsOk => Problems is { Count: 0 };

    public static RdfOutcome<T> Ok(T value) => new(value, []);

    public static RdfOutcome<T> Fail(params string[] problems) => new(default, problems);

    public static RdfOutcome<T> Fail(IReadOnlyList<string> problems) => new(default, problems);

    /// <summary>All reasons on one line.</summary>
    public string Reason => string.Join("; ", Problems);
}
