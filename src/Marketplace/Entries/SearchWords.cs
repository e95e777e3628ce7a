namespace StandardsCloud.Marketplace.Entries;

/// <summary>
/// The words text search matches: runs of letters and digits, lowercase. An entry's words come
/// from its title, description, os, arch, endorser and tags; a query's words must all be among
/// them. Entry and query are split by the same rule, so <c>x86_64</c>, <c>tag-9</c> or an email
/// address find what carries them.
/// </summary>
public static class SearchWords
{
    public static List<string> Of(IEnumerable<string?> texts) => [.. texts.SelectMany(Split).Distinct(StringComparer.Ordinal)];

    public static IEnumerable<string> Split(string? text)
    {
        text ??= "";
        var start = -1;
        for (var i = 0; i <= text.Length; i++)
        {
            var inWord = i < text.Length && char.IsLetterOrDigit(text[i]);
            if (inWord && start < 0)
            {
                start = i;
            }
            else if (!inWord && start >= 0)
            {
                yield return text[start..i].ToLowerInvariant();
                start = -1;
            }
        }
    }
}
