using System.Globalization;

namespace StandardsCloud.Marketplace.Rdf;

/// <summary>Dates as StratusLab writes them: <c>yyyy-MM-ddTHH:mm:ssZ</c>, always UTC.</summary>
public static class MetadataDates
{
    public const string Pattern = "yyyy-MM-dd'T'HH:mm:ss'Z'";

    public static string Format(DateTimeOffset value) => value.UtcDateTime.ToString(Pattern, CultureInfo.InvariantCulture);

    public static bool TryParse(string? text, out DateTimeOffset value)
    {
        if (DateTime.TryParseExact(text, Pattern, CultureInfo.InvariantCulture,
                DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var parsed))
        {
            value = new DateTimeOffset(parsed, TimeSpan.Zero);
            return true;
        }

        value = default;
        return false;
    }

    /// <summary>Drops sub-second precision, which the date format cannot carry.</summary>
    public static DateTimeOffset Truncate(DateTimeOffset value) =>
        new(value.UtcTicks - (value.UtcTicks % TimeSpan.TicksPerSecond), TimeSpan.Zero);
}
