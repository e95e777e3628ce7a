namespace StandardsCloud.Cdmi.Wire;

/// <summary>
/// X-CDMI-Specification-Version negotiation (CDMI 1.1.1 §8.2.4, §8.2.6): the client lists the versions it
/// speaks; the server answers with the highest one it also speaks, and echoes it.
/// </summary>
public static class CdmiVersions
{
    public const string Header = "X-CDMI-Specification-Version";

    /// <summary>What this server speaks, preferred first.</summary>
    public static IReadOnlyList<string> Supported { get; } = ["1.1.1", "1.1", "1.0.2"];

    /// <summary>The version to answer with, or null when the client lists none we speak.</summary>
    public static string? Negotiate(string header)
    {
        var offered = header.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Take(32).ToList();
        string? best = null;
        foreach (var version in offered)
        {
            var normal = version == "1.1.0" ? "1.1" : version;
            var rank = Supported.ToList().IndexOf(normal);
            if (rank >= 0 && (best is null || rank < Supported.ToList().IndexOf(best == "1.1.0" ? "1.1" : best)))
            {
                best = version;
            }
        }

        return best;
    }
}
