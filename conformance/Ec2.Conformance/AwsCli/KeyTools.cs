using System.Diagnostics;

namespace StandardsCloud.Ec2.Conformance.AwsCli;

/// <summary>Independent peers for checking keys: ssh-keygen, openssl and puttygen run as processes.</summary>
public static class KeyTools
{
    /// <summary>Runs a program that must succeed and returns what it printed.</summary>
    public static async Task<string> RunAsync(string file, params string[] args)
    {
        var info = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, $"{file} {string.Join(' ', args)} failed: {error}");
        return await output;
    }

    /// <summary>Writes a private key file only its owner may read, as ssh-keygen and puttygen insist.</summary>
    public static async Task<string> WritePrivateAsync(string directory, string name, string text)
    {
        var path = Path.Combine(directory, name);
        await File.WriteAllTextAsync(path, text);
        OwnerOnly(path);
        return path;
    }

    /// <summary>Leaves a file readable and writable by its owner alone.</summary>
    public static void OwnerOnly(string path)
    {
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
    }

    /// <summary>
    /// Signs with the private key file and verifies the signature against the public key line
    /// (ssh-keygen -Y, OpenSSH's SSHSIG): passes only when the private key is the one behind that public key.
    /// </summary>
    public static async Task SignAndVerifyAsync(string directory, string privateKeyPath, string publicKeyLine)
    {
        var data = Path.Combine(directory, Path.GetFileName(privateKeyPath) + ".data");
        await File.WriteAllTextAsync(data, "signed by " + privateKeyPath);
        await RunAsync("ssh-keygen", "-q", "-Y", "sign", "-f", privateKeyPath, "-n", "file", data);
        var signers = Path.Combine(directory, Path.GetFileName(privateKeyPath) + ".signers");
        await File.WriteAllTextAsync(signers, "owner@site " + publicKeyLine + "\n");
        await RunAsync("sh", "-c", $"ssh-keygen -Y verify -f '{signers}' -I owner@site -n file -s '{data}.sig' < '{data}'");
    }
}
