namespace Appliance.ProxyCore.Acl;

/// <summary>A fetch and its converters, as in <c>%[req.hdr(host),lower]</c> or an ACL's <c>req.hdr(host),lower</c>.</summary>
public sealed class SampleExpression(SampleFetch fetch, IReadOnlyList<SampleConverter> converters)
{
    private readonly SampleConverter[] _converters = [.. converters];

    public SampleFetch Fetch { get; } = fetch;

    public IReadOnlyList<SampleConverter> Converters => _converters;

    /// <summary>The type of the final value: a converter turns anything into text.</summary>
    public SampleType Type => _converters.Length == 0 ? Fetch.Type : SampleType.String;

    /// <summary>The single value (see <see cref="SampleFetch.TryFetch"/>) after every converter.</summary>
    public bool TryEvaluate(in SampleContext context, out Sample sample) =>
        Fetch.TryFetch(context, out var fetched) ? TryConvert(fetched, out sample) : Fail(out sample);

    /// <summary>Runs the converters on <paramref name="input"/>.</summary>
    public bool TryConvert(Sample input, out Sample output)
    {
        output = input;
        for (var i = 0; i < _converters.Length; i++)
        {
            // Slot 0 may hold the fetched value (base); converter i writes the slot its input is not in.
            var current = output;
            if (!_converters[i].TryConvert(current, (i + 1) % 2, out output))
            {
                return false;
            }
        }

        return true;
    }

    public override string ToString() => _converters.Length == 0 ? Fetch.Name : $"{Fetch.Name},{string.Join(',', _converters.Select(c => c.Name))}";

    private static bool Fail(out Sample sample)
    {
        sample = default;
        return false;
    }
}
