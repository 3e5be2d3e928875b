using System.Buffers.Binary;
using System.Text;

namespace Appliance.HaAgent.Discovery;

/// <summary>
/// A growing big-endian buffer that writes names with compression (RFC 1035 §4.1.4): every suffix written at an offset
/// a pointer can reach (below 0x4000) is remembered by its exact spelling and later names point at it.
/// </summary>
internal sealed class DnsWireWriter
{
    private const int PointerLimit = 0x4000;

    private readonly Dictionary<string, int>? _suffixes;
    private readonly bool _lowercase;
    private byte[] _buffer = new byte[512];

    /// <param name="compress">False writes every name in full (canonical rdata for comparisons).</param>
    /// <param name="lowercase">True folds ASCII letters in names (canonical form, RFC 4034 §6.2).</param>
    public DnsWireWriter(bool compress = true, bool lowercase = false)
    {
        _suffixes = compress ? new Dictionary<string, int>(StringComparer.Ordinal) : null;
        _lowercase = lowercase;
    }

    public int Length { get; private set; }

    public void WriteByte(byte value)
    {
        Ensure(1);
        _buffer[Length++] = value;
    }

    public void WriteUInt16(ushort value)
    {
        Ensure(2);
        BinaryPrimitives.WriteUInt16BigEndian(_buffer.AsSpan(Length), value);
        Length += 2;
    }

    public void WriteUInt32(uint value)
    {
        Ensure(4);
        BinaryPrimitives.WriteUInt32BigEndian(_buffer.AsSpan(Length), value);
        Length += 4;
    }

    public void WriteBytes(ReadOnlySpan<byte> bytes)
    {
        Ensure(bytes.Length);
        bytes.CopyTo(_buffer.AsSpan(Length));
        Length += bytes.Length;
    }

    /// <summary>Overwrites two bytes at <paramref name="offset"/> (an RDLENGTH written before its data).</summary>
    public void PatchUInt16(int offset, ushort value) => BinaryPrimitives.WriteUInt16BigEndian(_buffer.AsSpan(offset), value);

    /// <summary>Writes <paramref name="name"/>, ending in a pointer to an earlier copy of its longest known suffix.</summary>
    public void WriteName(DnsName name, bool compress)
    {
        var labels = name.Labels;
        for (var i = 0; i < labels.Count; i++)
        {
            var key = compress && _suffixes is not null ? string.Join('\0', labels.Skip(i)) : null;
            if (key is not null && _suffixes!.TryGetValue(key, out var offset))
            {
                WriteUInt16((ushort)(0xC000 | offset));
                return;
            }

            if (key is not null && Length < PointerLimit)
            {
                _suffixes![key] = Length;
            }

            var label = _lowercase ? FoldAscii(labels[i]) : labels[i];
            var bytes = Encoding.UTF8.GetBytes(label);
            WriteByte((byte)bytes.Length);
            WriteBytes(bytes);
        }

        WriteByte(0);
    }

    public byte[] ToArray() => _buffer.AsSpan(0, Length).ToArray();

    private static string FoldAscii(string label) =>
        string.Create(label.Length, label, static (span, source) =>
        {
            for (var i = 0; i < source.Length; i++)
            {
                span[i] = source[i] is >= 'A' and <= 'Z' ? (char)(source[i] + 32) : source[i];
            }
        });

    private void Ensure(int more)
    {
        if (Length + more > _buffer.Length)
        {
            Array.Resize(ref _buffer, Math.Max(_buffer.Length * 2, Length + more));
        }
    }
}
