using StandardsCloud.NodeDaemon.Context;
using StandardsCloud.NodeDaemon.Tests.Support;

namespace StandardsCloud.NodeDaemon.Tests.Context;

public sealed class ContextScriptTests
{
    private const string Id = "i-0123456789abcdef0";

    private static string Script(NodeProtocol.InstanceContext context)
    {
        var script = ContextScript.Render(Id, context);
        Assert.True(script.IsOk, script.Error);
        return script.Value;
    }

    /// <summary>The value of <paramref name="name"/> after a real sh sourced the script.</summary>
    private static async Task<string> SourcedAsync(string script, string name)
    {
        using var dir = new TempDir();
        await File.WriteAllTextAsync(dir.File("context.sh"), script);
        return await Tool.OutputAsync("sh", "-c", """. "$1" && eval "printf %s \"\$$2\"";""", "sh", dir.File("context.sh"), name);
    }

    [Fact]
    public void Render_FullContext_WritesTheAgreedNamesInOrderThenOwnerPairs()
    {
        var userData = Convert.ToBase64String("#!/bin/sh\necho hi\n"u8.ToArray());
        var lines = Script(Contexts.Full(userData, new Dictionary<string, string> { ["ZED"] = "z", ["APP_ROLE"] = "db" }))
            .Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Where(l => !l.StartsWith('#'))
            .ToList();

        Assert.Equal(
        [
            "HOSTNAME=\"web-1\"",
            $"INSTANCE_ID=\"{Id}\"",
            "IMAGE_ID=\"ami-0123456789abcdef0\"",
            "INSTANCE_TYPE=\"m1.small\"",
            "ETH0_IP=\"10.1.0.5\"",
            "ETH0_MASK=\"255.255.0.0\"",
            "ETH0_PREFIX=\"16\"",
            "ETH0_GATEWAY=\"10.1.0.1\"",
            "PUBLIC_IP=\"192.0.2.7\"",
            "SSH_PUBLIC_KEY=\"ssh-ed25519 AAAAfirst me@home\"",
            "SSH_PUBLIC_KEY_0=\"ssh-ed25519 AAAAfirst me@home\"",
            "SSH_PUBLIC_KEY_1=\"ssh-rsa AAAAsecond me@work\"",
            $"USER_DATA=\"{userData}\"",
            "USERDATA_ENCODING=\"base64\"",
            "APP_ROLE=\"db\"",
            "ZED=\"z\"",
        ], lines);
    }

    [Fact]
    public void Render_BareContext_LeavesOutWhatItDoesNotHave()
    {
        var script = Script(Contexts.Bare());

        Assert.DoesNotContain("ETH0_", script, StringComparison.Ordinal);
        Assert.DoesNotContain("PUBLIC_IP", script, StringComparison.Ordinal);
        Assert.DoesNotContain("SSH_PUBLIC_KEY", script, StringComparison.Ordinal);
        Assert.DoesNotContain("USER_DATA", script, StringComparison.Ordinal);
        Assert.Contains("INSTANCE_ID=", script, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("plain value", "plain value")]
    [InlineData("a\"b", "a\\\"b")]
    [InlineData("$(id) `id` \\n", "\\$(id) \\`id\\` \\\\n")]
    [InlineData("line1\nline2\r\tend", "line1 line2  end")]
    [InlineData("it's", "it's")]
    public void Escape_ShMetacharacters_GetABackslash(string value, string escaped)
    {
        Assert.Equal(escaped, ContextScript.Escape(value));
    }

    [Theory]
    [InlineData("$(touch /tmp/sc-context-pwned) `id` ${HOME} \\ \" '")]
    [InlineData("ünïcødé ✓")]
    [InlineData("ends with a backslash \\")]
    public async Task Render_HostileOwnerValue_ReadsBackLiterallyFromSh(string value)
    {
        var script = Script(Contexts.Bare(pairs: new Dictionary<string, string> { ["EVIL"] = value }));

        Assert.Equal(value, await SourcedAsync(script, "EVIL"));
        Assert.False(File.Exists("/tmp/sc-context-pwned"));
    }

    [Fact]
    public async Task Render_MultiLineValue_BecomesOneLineInSh()
    {
        var script = Script(Contexts.Bare(pairs: new Dictionary<string, string> { ["NOTE"] = "one\ntwo" }));

        Assert.Equal("one two", await SourcedAsync(script, "NOTE"));
        Assert.Single(script.Split('\n'), l => l.StartsWith("NOTE=", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("1ABC")]
    [InlineData("A-B")]
    [InlineData("A B")]
    [InlineData("")]
    [InlineData("X=1;rm")]
    public void Render_OwnerPairNameNotAShellName_Fails(string name)
    {
        var script = ContextScript.Render(Id, Contexts.Bare(pairs: new Dictionary<string, string> { [name] = "v" }));

        Assert.False(script.IsOk);
        Assert.Contains("not a shell variable name", script.Error, StringComparison.Ordinal);
    }
}
