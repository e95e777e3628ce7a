namespace StandardsCloud.Ec2Compat.Wire.Signing;

/// <summary>Makes client-supplied text safe to repeat in an error message.</summary>
internal static class ClientText
{
    private const int MaxLength = 64;

    /// <summary>
    /// Shortens the text and replaces control characters, which XML 1.0 §2.2 forbids even when
    /// escaped, so the message can go into an EC2 XML error response as is.
    /// </summary>
    public static string Echo(string text)
    {
        var shortened = text.Length <= MaxLength ? text : text[..MaxLength] + "…";
        return string.Create(shortened.Length, shortened, static (span, source) =>
        {
            for (var i = 0; i < source.Length; i++)
            {
                span[i] = char.IsControl(source[i]) || char.IsSurrogate(source[i]) || source[i] is '\uFFFE' or '\uFFFF' ? '?' : source[i];
            }
        });
    }
}
