namespace Appliance.Contracts.Text;

/// <summary>
/// The edit distance used by both configuration parsers (HAProxy-style and the <c>ha</c> section) for their
/// "did you mean" hints, so that the two suggest alike.
/// </summary>
public static class EditDistance
{
    /// <summary>
    /// Optimal string alignment distance: Levenshtein plus the swap of two adjacent letters as one edit
    /// ("priorty" to "priority" is 1). Case-sensitive: callers lower-case both words when they want otherwise.
    /// </summary>
    public static int Between(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++)
        {
            d[i, 0] = i;
        }

        for (var j = 0; j <= b.Length; j++)
        {
            d[0, j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
                }
            }
        }

        return d[a.Length, b.Length];
    }
}
