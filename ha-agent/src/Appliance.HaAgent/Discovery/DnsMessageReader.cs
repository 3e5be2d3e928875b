using System.Buffers.Binary;
using System.Net;
using System.Text;

namespace Appliance.HaAgent.Discovery;

/// <summary>
/// Decodes a DNS message; pure. Malformed input (truncated sections or RDATA, compression pointers that loop or point
/// forward, labels and names over their limits, reserved label types) is refused with a reason, never an exception:
/// it comes straight from the network.
/// </summary>
public static class DnsMessageReader
{
    private const int HeaderLength = 12;
    private const int MinQuestionLength = 5;
    private const int MinRecordLength = 11;

    /// <summary>Reads <paramref name="packet"/>; false with the first problem found in <paramref name="error"/>.</summary>
    public static bool TryRead(ReadOnlySpan<byte> packet, out DnsMessage? message, out string error)
    {
        message = null;
        if (packet.Length < HeaderLength)
        {
            error = $"{packet.Length} bytes is shorter than the 12-byte header";
            return false;
        }

        var flags = BinaryPrimitives.ReadUInt16BigEndian(packet[2..]);
        var questionCount = BinaryPrimitives.ReadUInt16BigEndian(packet[4..]);
        var counts = new[]
        {
            BinaryPrimitives.ReadUInt16BigEndian(packet[6..]),
            BinaryPrimitives.ReadUInt16BigEndian(packet[8..]),
            BinaryPrimitives.ReadUInt16BigEndian(packet[10..]),
        };

        // Counts that cannot fit are refused before anything is allocated for them.
        if ((questionCount * MinQuestionLength) + ((counts[0] + counts[1] + counts[2]) * MinRecordLength) > packet.Length - HeaderLength)
        {
            error = $"the header counts {questionCount} questions and {counts[0] + counts[1] + counts[2]} records, more than {packet.Length} bytes can hold";
            return false;
        }

        var position = HeaderLength;
        var questions = new List<DnsQuestion>(questionCount);
        for (var i = 0; i < questionCount; i++)
        {
            if (!TryReadName(packet, ref position, out var name, out error))
            {
                error = $"question {i + 1}: {error}";
                return false;
            }

            if (position + 4 > packet.Length)
            {
                error = $"question {i + 1}: truncated after the name";
                return false;
            }

            var type = BinaryPrimitives.ReadUInt16BigEndian(packet[position..]);
            var qclass = BinaryPrimitives.ReadUInt16BigEndian(packet[(position + 2)..]);
            position += 4;
            questions.Add(new DnsQuestion(name, (DnsRecordType)type, (qclass & DnsClass.TopBit) != 0, (ushort)(qclass & ~DnsClass.TopBit)));
        }

        var sections = new List<DnsRecord>[3];
        string[] sectionNames = ["answer", "authority", "additional"];
        for (var s = 0; s < 3; s++)
        {
            sections[s] = new List<DnsRecord>(counts[s]);
            for (var i = 0; i < counts[s]; i++)
            {
                if (!TryReadRecord(packet, ref position, out var record, out error))
                {
                    error = $"{sectionNames[s]} record {i + 1}: {error}";
                    return false;
                }

                sections[s].Add(record);
            }
        }

        message = new DnsMessage(
            BinaryPrimitives.ReadUInt16BigEndian(packet),
            (flags & 0x8000) != 0,
            (byte)((flags >> 11) & 0xF),
            (flags & 0x0400) != 0,
            (flags & 0x0200) != 0,
            (flags & 0x0100) != 0,
            (byte)(flags & 0xF),
            questions,
            sections[0],
            sections[1],
            sections[2]);
        error = string.Empty;
        return true;
    }

    private static bool TryReadRecord(ReadOnlySpan<byte> packet, ref int position, out DnsRecord record, out string error)
    {
        record = null!;
        if (!TryReadName(packet, ref position, out var name, out error))
        {
            return false;
        }

        if (position + 10 > packet.Length)
        {
            error = "truncated after the name";
            return false;
        }

        var type = (DnsRecordType)BinaryPrimitives.ReadUInt16BigEndian(packet[position..]);
        var rclass = BinaryPrimitives.ReadUInt16BigEndian(packet[(position + 2)..]);
        var ttl = BinaryPrimitives.ReadUInt32BigEndian(packet[(position + 4)..]);
        var length = BinaryPrimitives.ReadUInt16BigEndian(packet[(position + 8)..]);
        position += 10;
        if (position + length > packet.Length)
        {
            error = $"RDATA of {length} bytes runs past the end of the message";
            return false;
        }

        var end = position + length;
        if (!TryReadData(packet, position, end, type, out var data, out error))
        {
            error = $"{type.Mnemonic()} {name}: {error}";
            return false;
        }

        position = end;
        record = new DnsRecord(name, data, ttl, (rclass & DnsClass.TopBit) != 0, (ushort)(rclass & ~DnsClass.TopBit));
        return true;
    }

    private static bool TryReadData(ReadOnlySpan<byte> packet, int start, int end, DnsRecordType type, out DnsRecordData data, out string error)
    {
        data = null!;
        error = string.Empty;
        var rdata = packet[start..end];
        var position = start;
        switch (type)
        {
            case DnsRecordType.A or DnsRecordType.Aaaa:
                var size = type == DnsRecordType.A ? 4 : 16;
                if (rdata.Length != size)
                {
                    error = $"an address of {rdata.Length} bytes; expected {size}";
                    return false;
                }

                data = new AddressData(new IPAddress(rdata));
                return true;
            case DnsRecordType.Ptr:
                if (!TryReadName(packet, ref position, out var target, out error) || !EndsAt(position, end, ref error))
                {
                    return false;
                }

                data = new PtrData(target);
                return true;
            case DnsRecordType.Srv:
                if (rdata.Length < 7)
                {
                    error = $"{rdata.Length} bytes is too short for SRV";
                    return false;
                }

                position += 6;
                if (!TryReadName(packet, ref position, out var host, out error) || !EndsAt(position, end, ref error))
                {
                    return false;
                }

                data = new SrvData(
                    BinaryPrimitives.ReadUInt16BigEndian(rdata), BinaryPrimitives.ReadUInt16BigEndian(rdata[2..]),
                    BinaryPrimitives.ReadUInt16BigEndian(rdata[4..]), host);
                return true;
            case DnsRecordType.Txt:
                var strings = new List<byte[]>();
                for (var i = 0; i < rdata.Length; i += 1 + rdata[i])
                {
                    if (i + 1 + rdata[i] > rdata.Length)
                    {
                        error = $"a TXT string of {rdata[i]} bytes runs past the RDATA";
                        return false;
                    }

                    if (rdata[i] > 0)
                    {
                        strings.Add(rdata.Slice(i + 1, rdata[i]).ToArray());
                    }
                }

                data = new TxtData(strings);
                return true;
            case DnsRecordType.Nsec:
                return TryReadNsec(packet, start, end, out data, out error);
            default:
                data = new OpaqueData(type, rdata.ToArray());
                return true;
        }
    }

    private static bool TryReadNsec(ReadOnlySpan<byte> packet, int start, int end, out DnsRecordData data, out string error)
    {
        data = null!;
        var position = start;
        if (!TryReadName(packet, ref position, out var next, out error))
        {
            return false;
        }

        var types = new List<DnsRecordType>();
        while (position < end)
        {
            if (position + 2 > end || packet[position + 1] is 0 or > 32 || position + 2 + packet[position + 1] > end)
            {
                error = "a malformed NSEC type bitmap window";
                return false;
            }

            var window = packet[position];
            var length = packet[position + 1];
            for (var i = 0; i < length * 8; i++)
            {
                if ((packet[position + 2 + (i / 8)] & (0x80 >> (i % 8))) != 0)
                {
                    types.Add((DnsRecordType)((window << 8) | i));
                }
            }

            position += 2 + length;
        }

        if (position != end)
        {
            error = "the NSEC next name runs past the RDATA";
            return false;
        }

        data = new NsecData(next, types);
        return true;
    }

    private static bool EndsAt(int position, int end, ref string error)
    {
        if (position == end)
        {
            return true;
        }

        error = position > end ? "the name runs past the RDATA" : $"{end - position} bytes after the name in the RDATA";
        return false;
    }

    /// <summary>
    /// Reads a possibly compressed name at <paramref name="position"/> and moves past it. Every pointer must point below
    /// the start of the labels read so far, so the walk strictly descends through the message and always ends.
    /// </summary>
    private static bool TryReadName(ReadOnlySpan<byte> packet, ref int position, out DnsName name, out string error)
    {
        name = DnsName.Root;
        var labels = new List<string>();
        var cursor = position;
        var floor = position;
        var wireLength = 1;
        int? resume = null;
        while (true)
        {
            if (cursor >= packet.Length)
            {
                error = "a name runs past the end of the message";
                return false;
            }

            var length = packet[cursor];
            if ((length & 0xC0) == 0xC0)
            {
                if (cursor + 1 >= packet.Length)
                {
                    error = "a compression pointer is cut off";
                    return false;
                }

                var target = ((length & 0x3F) << 8) | packet[cursor + 1];
                if (target >= floor)
                {
                    error = $"a compression pointer at {cursor} to {target} does not point backwards (a loop)";
                    return false;
                }

                resume ??= cursor + 2;
                cursor = floor = target;
                continue;
            }

            if ((length & 0xC0) != 0)
            {
                error = $"reserved label type 0x{length & 0xC0:X2} at {cursor}";
                return false;
            }

            if (length == 0)
            {
                position = resume ?? cursor + 1;
                break;
            }

            if (cursor + 1 + length > packet.Length)
            {
                error = "a label runs past the end of the message";
                return false;
            }

            wireLength += 1 + length;
            if (wireLength > DnsName.MaxWireLength)
            {
                error = $"a name longer than {DnsName.MaxWireLength} bytes";
                return false;
            }

            labels.Add(Encoding.UTF8.GetString(packet.Slice(cursor + 1, length)));
            cursor += 1 + length;
        }

        // Invalid UTF-8 decodes to U+FFFD, which can re-encode longer than 63 bytes: the factory has the last word.
        return DnsName.TryFromLabels(labels, out name, out error);
    }
}
