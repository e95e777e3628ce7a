using System.Security.Cryptography;
using System.Text.Json;

namespace StandardsCloud.Server.Hosting;

/// <summary>
/// The server's own files under <c>&lt;data&gt;/server</c>: the site key that seals access-key
/// secrets, the node join token, and the first administrator's credentials (written once, 0600).
/// </summary>
public sealed class DataDirectory
{
    public DataDirectory(string root)
    {
        Root = root;
        ServerDirectory = Path.Combine(root, "server");
        Directory.CreateDirectory(ServerDirectory);
    }

    public string Root { get; }
    public string ServerDirectory { get; }
    public string AdminCredentialsPath => Path.Combine(ServerDirectory, "admin.json");
    public string JoinTokenPath => Path.Combine(ServerDirectory, "node-join-token");

    /// <summary>The 32-byte site key, made on first use.</summary>
    public byte[] SiteKey()
    {
        var path = Path.Combine(ServerDirectory, "site.key");
        if (!File.Exists(path))
        {
            WritePrivate(path, Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)));
        }

        return Convert.FromBase64String(File.ReadAllText(path).Trim());
    }

    /// <summary>The configured join token, or the generated one kept in the data directory.</summary>
    public string JoinToken(string? configured)
    {
        if (configured is not null)
        {
            return configured;
        }

        if (!File.Exists(JoinTokenPath))
        {
            WritePrivate(JoinTokenPath, Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24)));
        }

        return File.ReadAllText(JoinTokenPath).Trim();
    }

    public void WriteAdminCredentials(AdminCredentials credentials) =>
        WritePrivate(AdminCredentialsPath, JsonSerializer.Serialize(credentials, Api.ApiJson.Default.AdminCredentials));

    private static void WritePrivate(string path, string content)
    {
        var temporary = path + ".tmp";
        File.WriteAllText(temporary, "");
        if (!OperatingSystem.IsWindows())
        {
            // Owner-only before the secret goes in.
            File.SetUnixFileMode(temporary, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        File.WriteAllText(temporary, content);
        File.Move(temporary, path, overwrite: true);
    }
}

/// <summary>The first administrator's credentials, as <c>run.sh</c> prints them.</summary>
public sealed record AdminCredentials(string User, string Password, string AccessKeyId, string SecretAccessKey);
