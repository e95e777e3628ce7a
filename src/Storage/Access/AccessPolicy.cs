using StandardsCloud.Storage.Objects;

namespace StandardsCloud.Storage.Access;

/// <summary>
/// Who may do what to an object: its owner and administrators may do everything; anyone else only
/// what its ACL allows, evaluated in order, DENY before a later ALLOW (CDMI 1.1.1 §16.1).
/// </summary>
public static class AccessPolicy
{
    public const string Owner = "OWNER@";
    public const string Everyone = "EVERYONE@";
    public const string Authenticated = "AUTHENTICATED@";
    public const string Administrator = "ADMINISTRATOR@";

    public static bool Allows(StoredObject obj, StorageCaller caller, uint wanted)
    {
        if (caller.IsAdmin || string.Equals(obj.Owner, caller.UserId, StringComparison.Ordinal))
        {
            return true;
        }

        var remaining = wanted;
        foreach (var ace in obj.Acl)
        {
            if ((ace.Flags & AceFlags.InheritOnly) != 0 || !Names(ace.Identifier, obj, caller))
            {
                continue;
            }

            if ((ace.Mask & remaining) == 0)
            {
                continue;
            }

            if (!ace.Allow)
            {
                return false;
            }

            remaining &= ~ace.Mask;
            if (remaining == 0)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Whether the object exists for the caller at all: reading its value (or listing it) or its
    /// metadata makes it visible; a read answers only the parts the caller may read (CDMI 1.1.1 §16.1.5).
    /// </summary>
    public static bool MaySee(StoredObject obj, StorageCaller caller) =>
        Allows(obj, caller, AceMask.ReadObject) || Allows(obj, caller, AceMask.ReadMetadata);

    /// <summary>The ACEs a new child takes from its container (CDMI 1.1.1 §16.1.4).</summary>
    public static IReadOnlyList<AccessControlEntry> Inherited(StoredObject parent, ObjectKind childKind)
    {
        var wantFlag = childKind == ObjectKind.Container ? AceFlags.ContainerInherit : AceFlags.ObjectInherit;
        var result = new List<AccessControlEntry>();
        foreach (var ace in parent.Acl)
        {
            if ((ace.Flags & wantFlag) == 0)
            {
                continue;
            }

            var flags = (ace.Flags & ~AceFlags.InheritOnly) | AceFlags.Inherited;
            if ((ace.Flags & AceFlags.NoPropagate) != 0 || childKind != ObjectKind.Container)
            {
                flags &= ~(AceFlags.ObjectInherit | AceFlags.ContainerInherit | AceFlags.NoPropagate);
            }

            result.Add(ace with { Flags = flags });
        }

        return result;
    }

    private static bool Names(string identifier, StoredObject obj, StorageCaller caller) => identifier switch
    {
        Everyone or Authenticated => true,
        Owner => string.Equals(obj.Owner, caller.UserId, StringComparison.Ordinal),
        Administrator => caller.IsAdmin,
        _ => string.Equals(identifier, caller.UserId, StringComparison.Ordinal),
    };
}
