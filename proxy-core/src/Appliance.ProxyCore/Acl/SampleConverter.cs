namespace Appliance.ProxyCore.Acl;

/// <summary>
/// A converter after a fetch (<c>req.hdr(host),lower</c>). Converters that build text write into
/// <see cref="ConverterScratch"/> buffer <c>slot</c>; the chain alternates slots so no converter overwrites its input.
/// </summary>
public abstract class SampleConverter
{
    public abstract string Name { get; }

    public abstract bool TryConvert(Sample input, int slot, out Sample output);
}
