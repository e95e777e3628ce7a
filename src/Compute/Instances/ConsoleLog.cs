namespace StandardsCloud.Compute.Instances;

/// <summary>The tail of an instance's serial console, as its host sent it.</summary>
public sealed class ConsoleLog
{
    /// <summary>Most console text kept per instance; older text falls off the front.</summary>
    public const int MaxChars = 64 * 1024;

    /// <summary>The instance id.</summary>
    public string Id { get; set; } = "";

    /// <summary>Offset in the console stream just after <see cref="Text"/>.</summary>
    public long End { get; set; }

    public string Text { get; set; } = "";

    /// <summary>Adds a chunk that starts at <paramref name="offset"/>; repeats and overlaps are skipped.</summary>
    public void Add(long offset, string text)
    {
        if (offset + text.Length <= End)
        {
            return;
        }

        var fresh = offset >= End ? text : text[(int)(End - offset)..];
        var joined = Text + fresh;
        Text = joined.Length > MaxChars ? joined[^MaxChars..] : joined;
        End = Math.Max(End, offset) + fresh.Length;
    }
}
