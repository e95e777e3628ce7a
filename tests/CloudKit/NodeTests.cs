using System.Net.Http.Json;
using System.Text.Json;

namespace StandardsCloud.CloudKit;

/// <summary>What tests with real node daemons share.</summary>
public static class NodeTests
{
    /// <summary>A small real image file served by file URL, so the node fetches and checks it.</summary>
    public static async Task<string> TinyImageAsync(CloudFixture cloud, string directory, string name)
    {
        var path = Path.Combine(directory, name + ".img");
        var bytes = Enumerable.Range(0, 65536).Select(i => (byte)((i * 7) + 3)).ToArray();
        await File.WriteAllBytesAsync(path, bytes);
        var sha1 = Convert.ToHexStringLower(System.Security.Cryptography.SHA1.HashData(bytes));
        return await cloud.RegisterImageAsync(name + "-" + Guid.NewGuid().ToString("N")[..6], new Uri(path).AbsoluteUri, sha1);
    }

    public static async Task<string?> HostStatusAsync(HttpClient admin, string name) =>
        (await admin.GetFromJsonAsync<JsonElement[]>("/api/v1/hosts"))!
            .SingleOrDefault(h => h.GetProperty("name").GetString() == name) is { ValueKind: JsonValueKind.Object } h
            ? h.GetProperty("status").GetString()
            : null;

    public static async Task WaitForHostsAsync(HttpClient admin, string prefix, int count, int seconds = 30)
    {
        var until = DateTime.UtcNow.AddSeconds(seconds);
        while (true)
        {
            var online = (await admin.GetFromJsonAsync<JsonElement[]>("/api/v1/hosts"))!
                .Count(h => h.GetProperty("name").GetString()!.StartsWith(prefix, StringComparison.Ordinal) && h.GetProperty("status").GetString() == "Online");
            if (online >= count)
            {
                return;
            }

            Assert.True(DateTime.UtcNow < until, $"only {online} of {count} '{prefix}' hosts came online");
            await Task.Delay(200);
        }
    }
}
