using System.Buffers;
using System.Text;

namespace Appliance.ProxyCore.Acl;

/// <summary><c>base64</c>: the Base64 (RFC 4648 §4) of the sample's bytes, taking each char as one Latin-1 byte as HAProxy's buffers are bytes.</summary>
public sealed class Base64Converter : SampleConverter
{
    public override string Name => "base64";

    public override bool TryConvert(Sample input, int slot, out Sample output)
    {
        Span<char> digits = stackalloc char[64];
        var text = input.AsText(digits);
        var bytes = ArrayPool<byte>.Shared.Rent(Math.Max(1, text.Length));
        try
        {
            var length = Encoding.Latin1.GetBytes(text, bytes);
            var buffer = ConverterScratch.Get(slot, ((length + 2) / 3) * 4);
            Convert.TryToBase64Chars(bytes.AsSpan(0, length), buffer, out var written);
            output = Sample.FromText(buffer[..written]);
            return true;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(bytes);
        }
    }
}
