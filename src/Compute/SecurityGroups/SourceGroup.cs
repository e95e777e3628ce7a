namespace StandardsCloud.Compute.SecurityGroups;

/// <summary>
/// A group as a rule names it for its source: its id, owner and name, and nothing more. A rule may
/// name another owner's group (EC2-Classic's pairs of account and group name); of such a group its
/// owner's rules, tags, description and members never reach the rule's owner, only this.
/// </summary>
public sealed record SourceGroup(string Id, string Owner, string Name)
{
    public static SourceGroup Of(SecurityGroup group) => new(group.Id, group.Owner, group.Name);
}
