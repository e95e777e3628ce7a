using System.Text;
using System.Text.RegularExpressions;

namespace StandardsCloud.Compute.Instances;

/// <summary>
/// The owner's own pairs for a guest's <c>context.sh</c> (StratusLab and OpenNebula write
/// <c>KEY="value"</c> lines): shell-variable keys in capitals, one-line values of bounded size.
/// </summary>
public static partial class ContextPairs
{
    public const int MaxPairs = 32;
    public const int MaxValueBytes = 1024;

    /// <summary>What is wrong with <paramref name="pairs"/>, or null when a guest can have them.</summary>
    public static string? ProblemOf(IReadOnlyDictionary<string, string>? pairs)
    {
        if (pairs is null)
        {
            return null;
        }

        if (pairs.Count > MaxPairs)
        {
            return $"at most {MaxPairs} context pairs are allowed; {pairs.Count} were given";
        }

        foreach (var (key, value) in pairs)
        {
            if (!Key().IsMatch(key))
            {
                return $"the context key '{key}' is refused: keys are 1 to 64 capital letters, digits and '_', not starting with a digit";
            }

            if (value.Any(c => c is '\n' or '\r' || char.IsControl(c)))
            {
                return $"the value of the context key '{key}' must be one line without control characters";
            }

            if (Encoding.UTF8.GetByteCount(value) > MaxValueBytes)
            {
                return $"the value of the context key '{key}' has more than {MaxValueBytes} bytes";
            }
        }

        return null;
    }

    [GeneratedRegex(@"^[A-Z_][A-Z0-9_]{0,63}\z", RegexOptions.CultureInvariant)]
    private static partial Regex Key();
}
