using Microsoft.Extensions.Logging;
using StandardsCloud.NodeProtocol;

namespace StandardsCloud.NodeDaemon.Networking;

/// <summary>
/// Routes the public addresses of this host's guests: each is held on the host's public interface
/// (labelled <c>&lt;interface&gt;:sc</c>, so the host answers for it and the node knows its own),
/// and translated to and from the guest's private address by <see cref="NatRules"/>; what the host
/// routes to its guests passes their security groups (<see cref="ForwardRules"/>). Brought in line
/// with every new desired state; addresses and rules of guests that left are removed.
/// </summary>
/// <param name="publicInterface">The interface the site routes its public addresses to.</param>
/// <param name="workDirectory">Where the rules file for <c>iptables-restore</c> is written.</param>
/// <param name="commandPrefix">Put before every command (tests run the host's side in a network namespace: <c>ip netns exec …</c>).</param>
public sealed class PublicAddresses(string publicInterface, string workDirectory, IReadOnlyList<string> commandPrefix, ILogger logger)
{
    // Where the node's chains are entered from: translation first thing, routed guests' filter before the site's own rules.
    private static readonly (string Table, string Chain, string Target)[] Jumps =
    [
        ("nat", "PREROUTING", NatRules.InChain),
        ("nat", "OUTPUT", NatRules.InChain),
        ("nat", "POSTROUTING", NatRules.OutChain),
        ("filter", "FORWARD", ForwardRules.Chain),
    ];

    private readonly SemaphoreSlim _gate = new(1, 1);
    private string? _appliedRules;
    private bool _jumpsInPlace;

    /// <summary>The label of the addresses this node holds on <paramref name="publicInterface"/>.</summary>
    public static string LabelOf(string publicInterface) => publicInterface + ":sc";

    /// <summary>
    /// Applies the public addresses the desired state asks for, read once the previous application
    /// has finished, so a slow one is never overtaken by an older state; answers what failed, if anything.
    /// </summary>
    public async Task<Outcome> ApplyAsync(Func<IReadOnlyList<DesiredDomain>> desired, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var domains = desired();
            var mappings = NatRules.Of(domains);
            Outcome outcome;
            try
            {
                var rules = await ApplyRulesAsync(NatRules.Restore(mappings) + ForwardRules.Restore(domains), cancellationToken).ConfigureAwait(false);
                var held = await HoldAddressesAsync([.. mappings.Select(m => m.Public.ToString())], cancellationToken).ConfigureAwait(false);
                outcome = !rules.IsOk ? rules : held;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                outcome = Outcome.Fail($"cannot write the rules file in {workDirectory}: {e.Message}");
            }

            if (!outcome.IsOk)
            {
                logger.PublicAddressesFailed(outcome.Error);
            }

            return outcome;
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<Outcome> ApplyRulesAsync(string rules, CancellationToken cancellationToken)
    {
        if (rules == _appliedRules)
        {
            return Outcome.Ok();
        }

        Directory.CreateDirectory(workDirectory);
        var file = Path.Combine(workDirectory, "public-nat.rules");
        await File.WriteAllTextAsync(file, rules, cancellationToken).ConfigureAwait(false);
        var restored = await RunAsync("iptables-restore", ["--noflush", file], cancellationToken).ConfigureAwait(false);
        if (!restored.IsOk)
        {
            return restored;
        }

        if (!_jumpsInPlace)
        {
            foreach (var (table, chain, target) in Jumps)
            {
                // -C answers whether the jump is there already (a node that restarted).
                if (!(await RunAsync("iptables", ["-t", table, "-C", chain, "-j", target], cancellationToken).ConfigureAwait(false)).IsOk)
                {
                    var inserted = await RunAsync("iptables", ["-t", table, "-I", chain, "1", "-j", target], cancellationToken).ConfigureAwait(false);
                    if (!inserted.IsOk)
                    {
                        return inserted;
                    }
                }
            }

            _jumpsInPlace = true;
        }

        _appliedRules = rules;
        return Outcome.Ok();
    }

    private async Task<Outcome> HoldAddressesAsync(IReadOnlyList<string> wanted, CancellationToken cancellationToken)
    {
        var label = LabelOf(publicInterface);
        var listed = await ReadAsync("ip", ["-4", "-o", "addr", "show", "dev", publicInterface, "label", label], cancellationToken).ConfigureAwait(false);
        if (!listed.IsOk)
        {
            return Outcome.Fail(listed.Error);
        }

        // Lines read "3: eth1    inet 198.51.100.7/32 scope global eth1:sc ...".
        var held = listed.Value.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Select(words => Array.IndexOf(words, "inet") is var at and >= 0 && at + 1 < words.Length ? words[at + 1].Split('/')[0] : null)
            .OfType<string>()
            .ToHashSet(StringComparer.Ordinal);
        foreach (var address in held.Where(a => !wanted.Contains(a)))
        {
            var removed = await RunAsync("ip", ["addr", "del", address + "/32", "dev", publicInterface], cancellationToken).ConfigureAwait(false);
            if (!removed.IsOk)
            {
                return removed;
            }
        }

        foreach (var address in wanted.Where(a => !held.Contains(a)))
        {
            var added = await RunAsync("ip", ["addr", "add", address + "/32", "dev", publicInterface, "label", label], cancellationToken).ConfigureAwait(false);
            if (!added.IsOk)
            {
                return added;
            }
        }

        return Outcome.Ok();
    }

    private async Task<Outcome> RunAsync(string tool, string[] arguments, CancellationToken cancellationToken)
    {
        var ran = await ReadAsync(tool, arguments, cancellationToken).ConfigureAwait(false);
        return ran.IsOk ? Outcome.Ok() : Outcome.Fail(ran.Error);
    }

    private Task<Outcome<string>> ReadAsync(string tool, string[] arguments, CancellationToken cancellationToken)
    {
        var step = $"{tool} {string.Join(' ', arguments)}";
        return commandPrefix.Count == 0
            ? ExternalTool.ReadAsync(tool, arguments, step, "(packages iptables, iproute2)", cancellationToken)
            : ExternalTool.ReadAsync(commandPrefix[0], [.. commandPrefix.Skip(1), tool, .. arguments], step, null, cancellationToken);
    }
}
