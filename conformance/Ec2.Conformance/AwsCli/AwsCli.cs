using StandardsCloud.CloudKit;
using System.Diagnostics;
using System.Text.Json;

namespace StandardsCloud.Ec2.Conformance.AwsCli;

/// <summary>The real AWS command-line client pointed at our EC2 endpoint.</summary>
public sealed class AwsCli(Uri endpoint, string accessKeyId, string secretAccessKey, string region = "RegionOne")
{
    public sealed record Answer(int ExitCode, string Output, string Error)
    {
        public JsonElement Json => JsonDocument.Parse(Output).RootElement;
    }

    /// <summary>What <c>aws --version</c> prints, e.g. <c>aws-cli/1.45.11 Python/3.11.7 … botocore/1.43.11</c>.</summary>
    public static async Task<string> VersionAsync()
    {
        var info = new ProcessStartInfo("aws", "--version") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return ((await output) + (await error)).Trim();
    }

    /// <summary>awscli for the cloud's administrator.</summary>
    public static AwsCli AdminOf(CloudFixture cloud) => new(cloud.Ec2Address, cloud.Admin.AccessKeyId, cloud.Admin.SecretAccessKey);

    /// <summary>awscli for a new ordinary user of the cloud, with an access key of its own and, when given, its quota.</summary>
    public static async Task<AwsCli> NewUserAsync(CloudFixture cloud, string name, object? quota = null)
    {
        using var admin = cloud.AdminClient();
        (await cloud.NewUserAsync(name, quota)).Dispose();
        var key = JsonDocument.Parse(await (await admin.PostAsync($"/api/v1/users/{name}/access-keys", null)).Content.ReadAsStringAsync()).RootElement;
        return new AwsCli(cloud.Ec2Address, key.GetProperty("accessKeyId").GetString()!, key.GetProperty("secretAccessKey").GetString()!);
    }

    /// <summary>Runs an ec2 command that must succeed, and returns its JSON output.</summary>
    public async Task<JsonElement> OkAsync(params string[] args)
    {
        var answer = await Ec2Async(args);
        Assert.True(answer.ExitCode == 0, $"aws ec2 {string.Join(' ', args)}: {answer.Error}");
        return answer.Output.Length == 0 ? default : answer.Json;
    }

    /// <summary>Runs an ec2 command that must fail with <paramref name="code"/>.</summary>
    public async Task FailsAsync(string code, params string[] args)
    {
        var answer = await Ec2Async(args);
        Assert.True(answer.ExitCode != 0 && answer.Error.Contains($"({code})", StringComparison.Ordinal),
            $"aws ec2 {string.Join(' ', args)}: expected {code}, got exit {answer.ExitCode}: {answer.Error}{answer.Output}");
    }

    public async Task<Answer> Ec2Async(params string[] args)
    {
        var info = new ProcessStartInfo("aws")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { "ec2", "--endpoint-url", endpoint.ToString().TrimEnd('/'), "--region", region, "--output", "json" }.Concat(args))
        {
            info.ArgumentList.Add(arg);
        }

        // Only what this test gives: no profile, config or instance metadata of the machine.
        info.Environment["AWS_ACCESS_KEY_ID"] = accessKeyId;
        info.Environment["AWS_SECRET_ACCESS_KEY"] = secretAccessKey;
        info.Environment["AWS_CONFIG_FILE"] = "/dev/null";
        info.Environment["AWS_SHARED_CREDENTIALS_FILE"] = "/dev/null";
        info.Environment["AWS_EC2_METADATA_DISABLED"] = "true";
        info.Environment["AWS_PAGER"] = "";
        info.Environment["AWS_MAX_ATTEMPTS"] = "1";
        info.Environment.Remove("AWS_PROFILE");
        info.Environment.Remove("AWS_SESSION_TOKEN");

        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        return new Answer(process.ExitCode, await output, await error);
    }
}
