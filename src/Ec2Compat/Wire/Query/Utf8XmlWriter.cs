using System.Buffers;
using System.Text;
using System.Text.Unicode;

namespace StandardsCloud.Ec2Compat.Wire.Query;

/// <summary>
/// The few XML shapes EC2 documents are made of (elements, one default namespace, escaped text),
/// written straight as UTF-8 into a pooled buffer. It writes the bytes <see cref="System.Xml.XmlWriter"/>
/// wrote for the same calls (an empty element closes as <c>&lt;name /&gt;</c>, a carriage return in
/// text becomes <c>&amp;#xD;</c> so it survives parsing), without XmlWriter's state checks and
/// character-by-character encoding: a listing of a hundred instances is thousands of elements.
/// Element names are the code's own; text must already be XML-safe (<see cref="XmlText.Clean"/>).
/// </summary>
internal sealed class Utf8XmlWriter : IDisposable
{
    private const int BufferBytes = 16 * 1024;

    // A UTF-16 code unit takes at most three UTF-8 bytes.
    private const int MaxUtf8BytesPerChar = 3;

    private static readonly SearchValues<char> EscapedInText = SearchValues.Create("<>&\r");
    private static readonly SearchValues<char> EscapedInAttribute = SearchValues.Create("<>&\r\n\t\"");

    private readonly Stream _output;
    private readonly Stack<(string Name, string Namespace)> _open = new();
    private byte[] _buffer = ArrayPool<byte>.Shared.Rent(BufferBytes);
    private int _used;

    // The last start tag is still open ("<name"): its '>' is written only once content follows.
    private bool _startOpen;

    public Utf8XmlWriter(Stream output, ReadOnlySpan<byte> declaration)
    {
        _output = output;
        Raw(declaration);
    }

    /// <summary>Starts an element; a <paramref name="xmlNamespace"/> other than the one in scope is declared on it.</summary>
    public void WriteStartElement(string name, string? xmlNamespace = null)
    {
        CloseStartTag();
        var inScope = _open.TryPeek(out var parent) ? parent.Namespace : "";
        var ns = xmlNamespace ?? inScope;
        Raw("<"u8);
        Ascii(name);
        if (ns != inScope)
        {
            Raw(" xmlns=\""u8);
            Text(ns, attribute: true);
            Raw("\""u8);
        }

        _open.Push((name, ns));
        _startOpen = true;
    }

    /// <summary>Ends the open element, as <c>&lt;name /&gt;</c> when it has no content.</summary>
    public void WriteEndElement()
    {
        var (name, _) = _open.Pop();
        if (_startOpen)
        {
            Raw(" />"u8);
            _startOpen = false;
            return;
        }

        EndTag(name);
    }

    /// <summary>Ends the open element with an end tag, even when it has no content.</summary>
    public void WriteFullEndElement()
    {
        var (name, _) = _open.Pop();
        CloseStartTag();
        EndTag(name);
    }

    /// <summary>A text element with an end tag even when empty; the text is made XML-safe first.</summary>
    public void WriteTextElement(string name, string value)
    {
        WriteStartElement(name);
        CloseStartTag();
        Text(XmlText.Clean(value), attribute: false);
        WriteFullEndElement();
    }

    public void Dispose()
    {
        if (_buffer.Length == 0)
        {
            return;
        }

        Flush();
        ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = [];
    }

    private void CloseStartTag()
    {
        if (_startOpen)
        {
            Raw(">"u8);
            _startOpen = false;
        }
    }

    private void EndTag(string name)
    {
        Raw("</"u8);
        Ascii(name);
        Raw(">"u8);
    }

    private void Ascii(string name)
    {
        Room(name.Length);
        _used += Encoding.ASCII.GetBytes(name, _buffer.AsSpan(_used));
    }

    // XML 1.0 §2.4: '<' and '&' never appear raw in text; '>' is escaped too, as XmlWriter does, and
    // '\r' as a character reference because parsers turn a raw one into '\n' (§2.11). In an
    // attribute '"' is escaped as well, and '\n' and '\t', which parsers turn into spaces (§3.3.3).
    private void Text(string text, bool attribute)
    {
        var rest = text.AsSpan();
        while (!rest.IsEmpty)
        {
            var plain = rest.IndexOfAny(attribute ? EscapedInAttribute : EscapedInText);
            var run = plain < 0 ? rest : rest[..plain];
            Utf8Run(run);
            if (plain < 0)
            {
                return;
            }

            Raw(rest[plain] switch
            {
                '<' => "&lt;"u8,
                '>' => "&gt;"u8,
                '&' => "&amp;"u8,
                '"' => "&quot;"u8,
                '\n' => "&#xA;"u8,
                '\t' => "&#x9;"u8,
                _ => "&#xD;"u8,
            });
            rest = rest[(plain + 1)..];
        }
    }

    private void Utf8Run(ReadOnlySpan<char> run)
    {
        while (!run.IsEmpty)
        {
            // A piece that fits the buffer whatever its characters, never splitting a surrogate pair.
            var take = Math.Min(run.Length, BufferBytes / MaxUtf8BytesPerChar);
            if (take < run.Length && char.IsHighSurrogate(run[take - 1]))
            {
                take--;
            }

            Room(take * MaxUtf8BytesPerChar);
            Utf8.FromUtf16(run[..take], _buffer.AsSpan(_used), out _, out var written);
            _used += written;
            run = run[take..];
        }
    }

    private void Raw(ReadOnlySpan<byte> bytes)
    {
        Room(bytes.Length);
        bytes.CopyTo(_buffer.AsSpan(_used));
        _used += bytes.Length;
    }

    private void Room(int bytes)
    {
        if (_used + bytes > _buffer.Length)
        {
            Flush();
            if (bytes > _buffer.Length)
            {
                ArrayPool<byte>.Shared.Return(_buffer);
                _buffer = ArrayPool<byte>.Shared.Rent(bytes);
            }
        }
    }

    private void Flush()
    {
        _output.Write(_buffer, 0, _used);
        _used = 0;
    }
}
