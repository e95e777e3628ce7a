using System.Net;
using System.Security.Cryptography;
using System.Text;
using StandardsCloud.Compute.Ports;

namespace StandardsCloud.Compute.SecurityGroups;

/// <summary>
/// Users' security groups and their inbound rules. Every owner has a group named <c>default</c>,
/// made when first needed, which cannot be deleted. A rule's source group may be any owner's, as
/// EC2-Classic let an account admit another account's group: the rule's owner opens its own
/// instances to that group's members, and learns of that group only its <see cref="SourceGroup"/>.
/// </summary>
public sealed class SecurityGroupService(IComputeStore store, TimeProvider time)
{
    public const string DefaultName = "default";

    /// <summary>Inbound rules a group may hold (EC2-Classic's limit per group); each becomes filter rules on every host of its members.</summary>
    public const int MaxRules = 100;

    public Task<Outcome<SecurityGroup>> CreateAsync(Actor actor, string name, string description, CancellationToken ct) =>
        CreateAsync(actor, name, description, tags: null, ct);

    /// <summary>Creates a group, with <paramref name="tags"/> (already checked) when given.</summary>
    public async Task<Outcome<SecurityGroup>> CreateAsync(
        Actor actor, string name, string description, IReadOnlyDictionary<string, string>? tags, CancellationToken ct)
    {
        if (NamingError(name, description) is { } naming)
        {
            return Outcome<SecurityGroup>.Fail(ComputeStatus.InvalidParameter, naming);
        }

        await using var session = store.OpenSession();
        if ((await OwnAsync(session, actor, ct).ConfigureAwait(false)).Any(g => g.Name == name))
        {
            return Outcome<SecurityGroup>.Fail(ComputeStatus.Duplicate, $"The security group '{name}' already exists");
        }

        var group = new SecurityGroup
        {
            Id = ResourceIds.NewSecurityGroupId(),
            Owner = actor.UserId,
            Name = name,
            Description = description,
            CreatedAt = time.GetUtcNow(),
            Tags = tags is null ? new(StringComparer.Ordinal) : new(tags, StringComparer.Ordinal),
        };
        session.Insert(group);
        await session.SaveAsync(ct).ConfigureAwait(false);
        return Outcome<SecurityGroup>.Ok(group);
    }

    /// <summary>
    /// Why a new group's name or description is not acceptable, or null: EC2-Classic takes up to 255
    /// printable ASCII characters for each, and a name that does not start with <c>sg-</c> (so it
    /// is never taken for an id).
    /// </summary>
    public static string? NamingError(string name, string description)
    {
        if (name.Length is < 1 or > 255 || description.Length > 255)
        {
            return "GroupName must have 1 to 255 characters and GroupDescription at most 255";
        }

        if (name.StartsWith(ResourceIds.SecurityGroupPrefix, StringComparison.OrdinalIgnoreCase))
        {
            return $"Invalid security group name '{name}': a name cannot start with 'sg-'";
        }

        return !IsPrintableAscii(name) ? "GroupName may hold printable ASCII characters only"
            : !IsPrintableAscii(description) ? "GroupDescription may hold printable ASCII characters only"
            : null;
    }

    /// <summary>The caller's own groups.</summary>
    public async Task<IReadOnlyList<SecurityGroup>> ListAsync(Actor actor, CancellationToken ct)
    {
        await using var session = store.OpenSession();
        return await OwnAsync(session, actor, ct).ConfigureAwait(false);
    }

    /// <summary>One of the caller's groups, by id or by name.</summary>
    public async Task<SecurityGroup?> FindAsync(Actor actor, string? id, string? name, CancellationToken ct) =>
        (await ListAsync(actor, ct).ConfigureAwait(false)).FirstOrDefault(g => (id is not null && g.Id == id) || (id is null && g.Name == name));

    /// <summary>The groups of any owner with these ids, as rules name their sources.</summary>
    public async Task<IReadOnlyList<SourceGroup>> SourcesAsync(IReadOnlyCollection<string> ids, CancellationToken ct)
    {
        if (ids.Count == 0)
        {
            return [];
        }

        var wanted = ids.Distinct(StringComparer.Ordinal).ToArray();
        await using var session = store.OpenSession();
        return [.. (await session.QueryAsync<SecurityGroup>(g => wanted.Contains(g.Id), ct).ConfigureAwait(false)).Select(SourceGroup.Of)];
    }

    /// <summary>The groups of any owner named <paramref name="name"/>, as rules name their sources; the caller picks the owner it was given.</summary>
    public async Task<IReadOnlyList<SourceGroup>> SourcesNamedAsync(string name, CancellationToken ct)
    {
        await using var session = store.OpenSession();
        return [.. (await session.QueryAsync<SecurityGroup>(g => g.Name == name, ct).ConfigureAwait(false)).Select(SourceGroup.Of)];
    }

    /// <summary>
    /// Deletes a group no other group of its owner's names as a source and no live instance uses;
    /// the default group stays. Another owner's rules do not keep a group: they admit nobody once it is gone.
    /// </summary>
    public async Task<Outcome<SecurityGroup>> DeleteAsync(Actor actor, SecurityGroup group, CancellationToken ct)
    {
        if (group.Name == DefaultName)
        {
            return Outcome<SecurityGroup>.Fail(ComputeStatus.NotPermitted, $"The security group '{group.Id}' (default) cannot be deleted");
        }

        await using var session = store.OpenSession();
        if ((await OwnAsync(session, actor, ct).ConfigureAwait(false)).FirstOrDefault(g => g.Id != group.Id && g.Rules.Any(r => r.SourceGroupId == group.Id)) is { } user)
        {
            return Outcome<SecurityGroup>.Fail(ComputeStatus.IncorrectState, $"Group {group.Id} is used by groups: {user.Id}");
        }

        var members = await session.ListInstancesAsync(
            new InstanceQuery { Owner = actor.UserId, SecurityGroupId = group.Id, States = Instances.InstanceLifecycle.Live, Limit = 1 }, ct).ConfigureAwait(false);
        if (members.Count > 0)
        {
            return Outcome<SecurityGroup>.Fail(ComputeStatus.IncorrectState, $"There are active instances using security group '{group.Id}' ({members[0].Id})");
        }

        session.Delete<SecurityGroup>(group.Id);
        await session.SaveAsync(ct).ConfigureAwait(false);
        return Outcome<SecurityGroup>.Ok(group);
    }

    /// <summary>
    /// Adds rules; all or none. A rule already present, whatever its description, is a
    /// <see cref="ComputeStatus.Duplicate"/>. CIDRs are stored in canonical form.
    /// </summary>
    public Task<Outcome<SecurityGroup>> AuthorizeAsync(Actor actor, SecurityGroup group, IReadOnlyList<IngressRule> rules, CancellationToken ct) =>
        ChangeAsync(actor, group, rules, RuleChange.Add, ct);

    /// <summary>Removes the rules present; rules not present are left as they are (EC2-Classic answers no error for them).</summary>
    public Task<Outcome<SecurityGroup>> RevokeAsync(Actor actor, SecurityGroup group, IReadOnlyList<IngressRule> rules, CancellationToken ct) =>
        ChangeAsync(actor, group, rules, RuleChange.Remove, ct);

    /// <summary>
    /// Gives present rules the descriptions of <paramref name="rules"/> (none removes it); a rule
    /// not present is <see cref="ComputeStatus.NotFound"/> and nothing changes.
    /// </summary>
    public Task<Outcome<SecurityGroup>> DescribeRulesAsync(Actor actor, SecurityGroup group, IReadOnlyList<IngressRule> rules, CancellationToken ct) =>
        ChangeAsync(actor, group, rules, RuleChange.Describe, ct);

    /// <summary>Why a rule is not acceptable, or null.</summary>
    public static string? RuleError(IngressRule rule)
    {
        if (rule.Protocol is not ("tcp" or "udp" or "icmp" or "-1"))
        {
            return $"Invalid IP protocol '{rule.Protocol}': EC2-Classic security groups take tcp, udp, icmp (or 6, 17, 1) and -1 for all";
        }

        if (rule.Protocol is "tcp" or "udp" && (rule.FromPort is < 0 or > 65535 || rule.ToPort is < 0 or > 65535 || rule.FromPort > rule.ToPort))
        {
            return $"Invalid port range {rule.FromPort}-{rule.ToPort}; allowed: 0 to 65535, from not above to";
        }

        if (rule.Protocol == "icmp" && (rule.FromPort is < -1 or > 255 || rule.ToPort is < -1 or > 255))
        {
            return $"Invalid ICMP type {rule.FromPort} or code {rule.ToPort}: each is -1 (any) or 0 to 255";
        }

        if ((rule.CidrIp is null) == (rule.SourceGroupId is null))
        {
            return "Each permission needs exactly one source: a CIDR or a group";
        }

        if (rule.CidrIp is { } cidr && !IPNetwork.TryParse(cidr, out _))
        {
            return $"CIDR block {cidr} is malformed";
        }

        return null;
    }

    /// <summary>
    /// The rule as a group stores it, or why a new rule is refused: besides <see cref="RuleError"/>,
    /// an IPv4 CIDR (taken to its network) and a description of up to 255 of the characters EC2 allows in one.
    /// </summary>
    public static (IngressRule? Rule, string? Error) Normalize(IngressRule rule)
    {
        if (RuleError(rule) is { } error)
        {
            return (null, error);
        }

        if (rule.Description is { } note && (note.Length > 255 || !note.All(IsDescriptionCharacter)))
        {
            return (null, $"Invalid rule description '{note}': up to 255 of a-z, A-Z, 0-9, spaces and ._-:/()#,@[]+=&;{{}}!$*");
        }

        if (rule.CidrIp is not { } cidr)
        {
            return (rule, null);
        }

        return Ipv4Cidr.TryCanonical(cidr, out var network) ? (rule with { CidrIp = network }, null) : (null, $"CIDR block {cidr} is malformed");
    }

    /// <summary>
    /// The rules as a change takes them, or why one is refused: rules to add or describe as
    /// <see cref="Normalize"/> stores them; rules to remove as they were given (<see cref="RuleError"/>),
    /// since they may name rules stored before CIDRs were stored canonical.
    /// </summary>
    public static (IReadOnlyList<IngressRule> Rules, string? Error) Prepare(IReadOnlyList<IngressRule> rules, bool removing)
    {
        var prepared = new List<IngressRule>(rules.Count);
        foreach (var rule in rules)
        {
            var (ready, error) = removing ? (rule, RuleError(rule)) : Normalize(rule);
            if (error is not null)
            {
                return ([], error);
            }

            prepared.Add(ready!);
        }

        return (prepared, null);
    }

    private static bool IsPrintableAscii(string text) => text.All(c => c is >= ' ' and <= '~');

    private static bool IsDescriptionCharacter(char c) => char.IsAsciiLetterOrDigit(c) || " ._-:/()#,@[]+=&;{}!$*".Contains(c, StringComparison.Ordinal);

    private enum RuleChange
    {
        Add,
        Remove,
        Describe,
    }

    private async Task<Outcome<SecurityGroup>> ChangeAsync(Actor actor, SecurityGroup group, IReadOnlyList<IngressRule> rules, RuleChange change, CancellationToken ct)
    {
        var (normalized, error) = Prepare(rules, removing: change == RuleChange.Remove);
        if (error is not null)
        {
            return Outcome<SecurityGroup>.Fail(ComputeStatus.InvalidParameter, error);
        }

        await using var session = store.OpenSession();
        var own = await OwnAsync(session, actor, ct).ConfigureAwait(false);
        var current = own.FirstOrDefault(g => g.Id == group.Id);
        if (current is null)
        {
            return Outcome<SecurityGroup>.Fail(ComputeStatus.NotFound, $"The security group '{group.Id}' does not exist");
        }

        // A new rule's source group must exist, whoever owns it; a rule kept after its source group went can still be revoked.
        if (change == RuleChange.Add && await MissingSourceAsync(session, own, normalized, ct).ConfigureAwait(false) is { } missing)
        {
            return Outcome<SecurityGroup>.Fail(ComputeStatus.NotFound, $"The security group '{missing}' does not exist");
        }

        foreach (var rule in normalized)
        {
            var present = current.Rules.FindIndex(r => r.SamePermission(rule));
            switch (change)
            {
                case RuleChange.Add when present >= 0:
                    return Outcome<SecurityGroup>.Fail(ComputeStatus.Duplicate, $"the specified rule \"{Describe(rule)}\" already exists");
                case RuleChange.Add:
                    current.Rules.Add(rule);
                    break;
                case RuleChange.Remove when present >= 0:
                    current.Rules.RemoveAt(present);
                    break;
                case RuleChange.Describe when present < 0:
                    return Outcome<SecurityGroup>.Fail(ComputeStatus.NotFound, $"The specified rule \"{Describe(rule)}\" does not exist in this security group");
                case RuleChange.Describe:
                    current.Rules[present] = current.Rules[present] with { Description = rule.Description };
                    break;
            }
        }

        if (change == RuleChange.Add && current.Rules.Count > MaxRules)
        {
            return Outcome<SecurityGroup>.Fail(ComputeStatus.InvalidParameter, $"A security group holds at most {MaxRules} rules; '{group.Id}' would hold {current.Rules.Count}");
        }

        session.Store(current);
        await session.SaveAsync(ct).ConfigureAwait(false);
        return Outcome<SecurityGroup>.Ok(current);
    }

    private static async Task<string?> MissingSourceAsync(IComputeSession session, IReadOnlyList<SecurityGroup> own, IReadOnlyList<IngressRule> rules, CancellationToken ct)
    {
        var others = rules.Select(r => r.SourceGroupId).OfType<string>().Where(id => own.All(g => g.Id != id)).Distinct(StringComparer.Ordinal).ToArray();
        if (others.Length == 0)
        {
            return null;
        }

        var found = await session.QueryAsync<SecurityGroup>(g => others.Contains(g.Id), ct).ConfigureAwait(false);
        return others.FirstOrDefault(id => found.All(g => g.Id != id));
    }

    private static string Describe(IngressRule r) => $"peer: {r.CidrIp ?? r.SourceGroupId}, {r.Protocol.ToUpperInvariant()}, from port: {r.FromPort}, to port: {r.ToPort}, ALLOW";

    private async Task<IReadOnlyList<SecurityGroup>> OwnAsync(IComputeSession session, Actor actor, CancellationToken ct)
    {
        var owner = actor.UserId;
        var own = await session.QueryAsync<SecurityGroup>(g => g.Owner == owner, ct).ConfigureAwait(false);
        if (own.All(g => g.Name != DefaultName))
        {
            own = [.. own, await DefaultGroupAsync(owner, ct).ConfigureAwait(false)];
        }

        return [.. own.OrderBy(g => g.Name, StringComparer.Ordinal)];
    }

    /// <summary>The owner's default group, made now if it does not exist yet.</summary>
    public async Task<SecurityGroup> DefaultGroupOfAsync(string owner, CancellationToken ct)
    {
        await using var session = store.OpenSession();
        return await session.LoadAsync<SecurityGroup>(DefaultGroupId(owner), ct).ConfigureAwait(false)
            ?? await DefaultGroupAsync(owner, ct).ConfigureAwait(false);
    }

    // The id derives from the owner, so concurrent first uses make one group, not two.
    private static string DefaultGroupId(string owner) =>
        ResourceIds.SecurityGroupPrefix + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes("default-group/" + owner)))[..17];

    private async Task<SecurityGroup> DefaultGroupAsync(string owner, CancellationToken ct)
    {
        var id = DefaultGroupId(owner);
        var group = new SecurityGroup { Id = id, Owner = owner, Name = DefaultName, Description = "default group", CreatedAt = time.GetUtcNow() };
        await using (var session = store.OpenSession())
        {
            session.Insert(group);
            if (await session.SaveAsync(ct).ConfigureAwait(false) == ComputeStatus.Ok)
            {
                return group;
            }
        }

        await using var again = store.OpenSession();
        return await again.LoadAsync<SecurityGroup>(id, ct).ConfigureAwait(false) ?? group;
    }
}
