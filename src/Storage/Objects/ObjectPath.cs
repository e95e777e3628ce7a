using System.Diagnostics.CodeAnalysis;
using System.Text;

namespace StandardsCloud.Storage.Objects;

/// <summary>
/// A checked path in the namespace: absolute, no empty, <c>.</c> or <c>..</c> segments, no control
/// characters. A container's path ends with <c>/</c> (CDMI 1.1.1 §9.1); the root is <c>/</c>.
/// </summary>
public sealed record ObjectPath
{
    public const int MaxBytes = 4096;
    public const int MaxSegmentBytes = 255;

    private ObjectPath(string value) => Value = value;

    public static ObjectPath Root { get; } = new("/");

    public string Value { get; }

    public bool IsContainer => Value.EndsWith('/');

    public bool IsRoot => Value == "/";

    /// <summary>The last segment: <c>name</c> for a data object, <c>name/</c> for a container, <c>/</c> for the root.</summary>
    public string Name
    {
        get
        {
            if (IsRoot)
            {
                return "/";
            }

            var trimmed = IsContainer ? Value[..^1] : Value;
            return Value[(trimmed.LastIndexOf('/') + 1)..];
        }
    }

    /// <summary>The containing container; the root's parent is itself.</summary>
    public ObjectPath Parent
    {
        get
        {
            if (IsRoot)
            {
                return this;
            }

            var trimmed = IsContainer ? Value[..^1] : Value;
            return new ObjectPath(trimmed[..(trimmed.LastIndexOf('/') + 1)]);
        }
    }

    /// <summary>The same path as a container (with its trailing slash).</summary>
    public ObjectPath AsContainer() => IsContainer ? this : new ObjectPath(Value + "/");

    /// <summary>The same path as a data object (without its trailing slash); the root stays the root.</summary>
    public ObjectPath AsDataObject() => IsContainer && !IsRoot ? new ObjectPath(Value[..^1]) : this;

    /// <summary>A child of this container.</summary>
    public ObjectPath Child(string name) => new(Value + name);

    public override string ToString() => Value;

    public static bool TryParse(string? text, [NotNullWhen(true)] out ObjectPath? path, out string error)
    {
        path = null;
        error = "";
        if (string.IsNullOrEmpty(text) || text[0] != '/')
        {
            error = "a path must start with '/'";
            return false;
        }

        if (Encoding.UTF8.GetByteCount(text) > MaxBytes)
        {
            error = $"a path may have at most {MaxBytes} bytes";
            return false;
        }

        if (text == "/")
        {
            path = Root;
            return true;
        }

        var body = text.EndsWith('/') ? text[1..^1] : text[1..];
        foreach (var segment in body.Split('/'))
        {
            if (segment.Length == 0)
            {
                error = "a path may not have empty segments ('//')";
                return false;
            }

            if (segment is "." or "..")
            {
                error = "a path may not have '.' or '..' segments";
                return false;
            }

            if (Encoding.UTF8.GetByteCount(segment) > MaxSegmentBytes)
            {
                error = $"a name may have at most {MaxSegmentBytes} bytes";
                return false;
            }

            if (segment.Any(char.IsControl))
            {
                error = "a name may not hold control characters";
                return false;
            }

            // CDMI 1.1.1 §5.13.6: '?' is a delimiter, never part of a name (listings also mark references with it, §5.16).
            if (segment.Contains('?'))
            {
                error = "a name may not hold '?' (a reserved delimiter)";
                return false;
            }
        }

        if (body.StartsWith("cdmi_", StringComparison.Ordinal) && body.Split('/')[0] is "cdmi_capabilities" or "cdmi_objectid" or "cdmi_domains" or "cdmi_snapshots")
        {
            error = $"'/{body.Split('/')[0]}/' is reserved";
            return false;
        }

        path = new ObjectPath(text);
        return true;
    }
}
