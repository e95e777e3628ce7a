namespace StandardsCloud.Server;

/// <summary>The server's few options: <c>--name value</c> pairs.</summary>
internal static class CommandLine
{
    private static readonly string[] Known = ["config", "data-dir"];

    /// <summary>The options given, or null when one is unknown or lacks its value.</summary>
    public static Dictionary<string, string>? Options(string[] args)
    {
        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Length; i++)
        {
            var name = args[i].TrimStart('-');
            if (!args[i].StartsWith("--", StringComparison.Ordinal) || !Known.Contains(name) || i + 1 >= args.Length)
            {
                return null;
            }

            options[name] = args[++i];
        }

        return options;
    }
}
