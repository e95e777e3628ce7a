namespace StandardsCloud.Storage.Access;

/// <summary>One ACE of an object's ACL (CDMI 1.1.1 §16.1): allow or deny a mask to an identifier.</summary>
/// <param name="Allow">ALLOW (true) or DENY (false).</param>
/// <param name="Identifier">A user name, or OWNER@, EVERYONE@, AUTHENTICATED@, ANONYMOUS@, ADMINISTRATOR@.</param>
/// <param name="Flags">Inheritance flags (<see cref="AceFlags"/>).</param>
/// <param name="Mask">The permission bits (<see cref="AceMask"/>).</param>
public sealed record AccessControlEntry(bool Allow, string Identifier, uint Flags, uint Mask);

/// <summary>ACE flag bits (CDMI 1.1.1 §16.1.4).</summary>
public static class AceFlags
{
    public const uint ObjectInherit = 0x01;
    public const uint ContainerInherit = 0x02;
    public const uint NoPropagate = 0x04;
    public const uint InheritOnly = 0x08;
    public const uint Identifier = 0x40;
    public const uint Inherited = 0x80;
}

/// <summary>ACE mask bits (CDMI 1.1.1 §16.1.5).</summary>
public static class AceMask
{
    public const uint ReadObject = 0x00000001;
    public const uint WriteObject = 0x00000002;
    public const uint AppendData = 0x00000004;
    public const uint ReadMetadata = 0x00000008;
    public const uint WriteMetadata = 0x00000010;
    public const uint Execute = 0x00000020;
    public const uint DeleteObject = 0x00000040;
    public const uint ReadAttributes = 0x00000080;
    public const uint WriteAttributes = 0x00000100;
    public const uint Delete = 0x00010000;
    public const uint ReadAcl = 0x00020000;
    public const uint WriteAcl = 0x00040000;
    public const uint WriteOwner = 0x00080000;
    public const uint Synchronize = 0x00100000;
    public const uint AllPerms = 0x001F07FF;
}
