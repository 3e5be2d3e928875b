using System.Globalization;
using System.Net;
using System.Text;

namespace Appliance.ProxyCore.Logging;

/// <summary>
/// Appends log fields to a caller's buffer without allocating. When the buffer is full the rest is cut, as HAProxy
/// cuts a line at its target's <c>len</c>; <see cref="Written"/> is then the buffer's length.
/// </summary>
internal ref struct LogLineWriter
{
    private static readonly byte[] Hex = "0123456789ABCDEF"u8.ToArray();
    private static readonly byte[] Months = "JanFebMarAprMayJunJulAugSepOctNovDec"u8.ToArray();

    private readonly Span<byte> _buffer;
    private int _written;

    public LogLineWriter(Span<byte> buffer)
    {
        _buffer = buffer;
    }

    public readonly int Written => _written;

    private readonly Span<byte> Free => _buffer[_written..];

    public void Byte(byte value)
    {
        if (_written < _buffer.Length)
        {
            _buffer[_written++] = value;
        }
    }

    public void Literal(scoped ReadOnlySpan<byte> text)
    {
        var n = Math.Min(text.Length, Free.Length);
        text[..n].CopyTo(Free);
        _written += n;
    }

    /// <summary>A configuration name (frontend, backend, server, cookie capture) as UTF-8; cut at a character boundary.</summary>
    public void Text(string text)
    {
        if (Encoding.UTF8.TryGetBytes(text, Free, out var n))
        {
            _written += n;
            return;
        }

        foreach (var rune in text.EnumerateRunes())
        {
            if (!rune.TryEncodeToUtf8(Free, out n))
            {
                _written = _buffer.Length;
                return;
            }

            _written += n;
        }
    }

    public void Number(long value)
    {
        if (value.TryFormat(Free, out var n, default, CultureInfo.InvariantCulture))
        {
            _written += n;
        }
        else
        {
            _written = _buffer.Length;
        }
    }

    /// <summary><c>ADDRESS:PORT</c>, IPv6 without brackets as HAProxy's <c>%ci:%cp</c> writes it.</summary>
    public void EndPoint(IPEndPoint? endPoint)
    {
        if (endPoint is null)
        {
            Byte((byte)'-');
            return;
        }

        Address(endPoint.Address);
        Byte((byte)':');
        Number(endPoint.Port);
    }

    /// <summary>An address as <c>%ci</c> writes it, <c>-</c> when null.</summary>
    public void Address(IPAddress? address)
    {
        if (address is null)
        {
            Byte((byte)'-');
        }
        else if (address.TryFormat(Free, out var n))
        {
            // IPv4-mapped addresses stay as they are (::ffff:10.0.0.1), as HAProxy logs them on a dual-stack bind.
            _written += n;
        }
        else
        {
            _written = _buffer.Length;
        }
    }

    /// <summary>HAProxy's <c>%t</c> / <c>%tr</c>: <c>dd/Mmm/yyyy:HH:mm:ss.fff</c>.</summary>
    public void LogDate(DateTimeOffset local)
    {
        DateSeconds(local);
        Byte((byte)'.');
        Digits(local.Millisecond, 3);
    }

    /// <summary>HAProxy's <c>%T</c> / <c>%Tl</c> (the common log format's date): <c>dd/Mmm/yyyy:HH:mm:ss +hhmm</c> in the value's offset.</summary>
    public void ClfDate(DateTimeOffset date)
    {
        DateSeconds(date);
        Byte((byte)' ');
        var offset = date.Offset;
        Byte(offset < TimeSpan.Zero ? (byte)'-' : (byte)'+');
        offset = offset.Duration();
        Digits(offset.Hours, 2);
        Digits(offset.Minutes, 2);
    }

    private void DateSeconds(DateTimeOffset local)
    {
        Digits(local.Day, 2);
        Byte((byte)'/');
        Month(local.Month);
        Byte((byte)'/');
        Digits(local.Year, 4);
        Byte((byte)':');
        Digits(local.Hour, 2);
        Byte((byte)':');
        Digits(local.Minute, 2);
        Byte((byte)':');
        Digits(local.Second, 2);
    }

    /// <summary>The English three-letter month abbreviation (RFC 3164 section 4.1.2 uses the same names).</summary>
    public void Month(int month) => Literal(Months.AsSpan((month - 1) * 3, 3));

    /// <summary>A non-negative number zero-padded to <paramref name="width"/> digits.</summary>
    public void Digits(int value, int width)
    {
        for (var i = width - 1; i >= 0; i--)
        {
            if (_written + i < _buffer.Length)
            {
                _buffer[_written + i] = (byte)('0' + (value % 10));
            }

            value /= 10;
        }

        _written = Math.Min(_written + width, _buffer.Length);
    }

    /// <summary>
    /// Bytes with HAProxy's escaping (configuration manual 8.6): anything outside 32..126, and <c>"</c> and <c>#</c>,
    /// becomes <c>#</c> and two uppercase hex digits; in a captured header also <c>{</c>, <c>|</c> and <c>}</c>
    /// (HAProxy's <c>hdr_encode_map</c>), which delimit captures in <c>%hr</c>.
    /// </summary>
    public void Escaped(scoped ReadOnlySpan<byte> text, bool header = false)
    {
        foreach (var b in text)
        {
            if (b is < 32 or > 126 or (byte)'"' or (byte)'#' || (header && b is (byte)'{' or (byte)'|' or (byte)'}'))
            {
                if (Free.Length < 3)
                {
                    _written = _buffer.Length;
                    return;
                }

                Byte((byte)'#');
                Byte(Hex[b >> 4]);
                Byte(Hex[b & 0xF]);
            }
            else
            {
                Byte(b);
            }
        }
    }
}
