namespace Appliance.HaAgent.Discovery;

/// <summary>Encodes a <see cref="DnsMessage"/> with name compression (RFC 1035 §4.1.4); pure.</summary>
public static class DnsMessageWriter
{
    /// <summary>The message as bytes: header, then the four sections in order.</summary>
    public static byte[] Write(DnsMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var writer = new DnsWireWriter();
        writer.WriteUInt16(message.Id);
        var flags = (message.IsResponse ? 0x8000 : 0)
            | ((message.Opcode & 0xF) << 11)
            | (message.Authoritative ? 0x0400 : 0)
            | (message.Truncated ? 0x0200 : 0)
            | (message.RecursionDesired ? 0x0100 : 0)
            | (message.ResponseCode & 0xF);
        writer.WriteUInt16((ushort)flags);
        writer.WriteUInt16(checked((ushort)message.Questions.Count));
        writer.WriteUInt16(checked((ushort)message.Answers.Count));
        writer.WriteUInt16(checked((ushort)message.Authorities.Count));
        writer.WriteUInt16(checked((ushort)message.Additionals.Count));
        foreach (var question in message.Questions)
        {
            writer.WriteName(question.Name, compress: true);
            writer.WriteUInt16((ushort)question.Type);
            writer.WriteUInt16((ushort)(question.Class | (question.UnicastResponse ? DnsClass.TopBit : 0)));
        }

        foreach (var record in message.AllRecords)
        {
            WriteRecord(writer, record);
        }

        return writer.ToArray();
    }

    private static void WriteRecord(DnsWireWriter writer, DnsRecord record)
    {
        writer.WriteName(record.Name, compress: true);
        writer.WriteUInt16((ushort)record.Type);
        writer.WriteUInt16((ushort)(record.Class | (record.CacheFlush ? DnsClass.TopBit : 0)));
        writer.WriteUInt32(record.Ttl);
        var lengthAt = writer.Length;
        writer.WriteUInt16(0);
        record.Data.Write(writer);
        writer.PatchUInt16(lengthAt, checked((ushort)(writer.Length - lengthAt - 2)));
    }
}
