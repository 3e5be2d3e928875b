namespace Appliance.ProxyCore.Configuration.Parsing;

/// <summary>
/// The version options of one bind line or of <c>ssl-default-bind-options</c>, as written, before they are resolved into
/// <see cref="BindTlsConfig.Versions"/> with HAProxy's rules.
/// </summary>
internal sealed record TlsVersionSettings
{
    public static readonly TlsVersionSettings None = new();

    /// <summary><c>ssl-min-ver</c>, or the version of <c>force-*</c>.</summary>
    public TlsVersion? Min { get; init; }

    /// <summary><c>ssl-max-ver</c>, or the version of <c>force-*</c>.</summary>
    public TlsVersion? Max { get; init; }

    /// <summary>The versions of the <c>no-*</c> options.</summary>
    public IReadOnlySet<TlsVersion> Disabled { get; init; } = new HashSet<TlsVersion>();

    /// <summary>
    /// Applies a flag option (<c>no-tlsv11</c>, <c>force-tlsv12</c>); null when <paramref name="option"/> is not one.
    /// <c>force-X</c> sets both ends of the range, as HAProxy does since 1.8.
    /// </summary>
    public TlsVersionSettings? WithFlag(string option)
    {
        if (TlsVersionNames.FromOption(option, "no-") is { } disabled)
        {
            return this with { Disabled = new HashSet<TlsVersion>(Disabled) { disabled } };
        }

        return TlsVersionNames.FromOption(option, "force-") is { } forced ? this with { Min = forced, Max = forced } : null;
    }

    /// <summary>The bind's own settings over the global defaults: its min/max win, the <c>no-*</c> flags add up.</summary>
    public TlsVersionSettings Over(TlsVersionSettings defaults) => new()
    {
        Min = Min ?? defaults.Min,
        Max = Max ?? defaults.Max,
        Disabled = new HashSet<TlsVersion>(Disabled.Concat(defaults.Disabled)),
    };
}
