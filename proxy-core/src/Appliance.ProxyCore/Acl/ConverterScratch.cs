namespace Appliance.ProxyCore.Acl;

/// <summary>
/// Per-thread buffers for values that must be built (converters, <c>base</c>). Two of them, so that a converter can
/// read one while writing the other; they grow to the largest value seen and are then reused, so evaluation stops
/// allocating once warm. A value built here is valid until the next evaluation on the same thread.
/// </summary>
internal static class ConverterScratch
{
    [ThreadStatic]
    private static char[]? s_first;

    [ThreadStatic]
    private static char[]? s_second;

    /// <summary>Buffer <paramref name="which"/> (0 or 1) with room for at least <paramref name="length"/> chars.</summary>
    public static Span<char> Get(int which, int length)
    {
        ref var buffer = ref which == 0 ? ref s_first : ref s_second;
        if (buffer is null || buffer.Length < length)
        {
            buffer = new char[Math.Max(256, (int)System.Numerics.BitOperations.RoundUpToPowerOf2((uint)length))];
        }

        return buffer;
    }
}
