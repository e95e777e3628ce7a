using System.Security.Cryptography;

namespace StandardsCloud.TestKit;

/// <summary>
/// The test PostgreSQL cluster that <c>./test.sh</c> starts, and a fresh schema per use so test
/// classes never see each other's data.
/// </summary>
public static class TestDatabase
{
    public static string ConnectionString { get; } =
        Environment.GetEnvironmentVariable("STANDARDSCLOUD_TEST_PG")
        ?? "Host=127.0.0.1;Port=55433;Username=postgres;Database=standardscloud";

    /// <summary>A schema name no other test uses.</summary>
    public static string NewSchema(string purpose) =>
        "t_" + new string(purpose.ToLowerInvariant().Where(char.IsAsciiLetterOrDigit).Take(30).ToArray())
        + "_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4));
}
