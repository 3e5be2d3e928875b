using Appliance.Contracts.Text;

namespace Appliance.ProxyCore.Configuration.Parsing;

/// <summary>Finds the candidate closest to a misspelt word, for "did you mean" hints.</summary>
internal static class NearestMatch
{
    /// <summary>
    /// The candidate with the smallest edit distance (Damerau: a swap of two letters costs 1) when it is close
    /// enough to be a plausible typo: at most a third of the word's length (at least 1 edit allowed) and fewer edits than
    /// half its length, so that a short word such as '5s' gets no far-fetched hint; otherwise null.
    /// </summary>
    public static string? Find(string word, IEnumerable<string> candidates)
    {
        string? best = null;
        var bestDistance = int.MaxValue;
        var limit = Math.Max(1, word.Length / 3);
        foreach (var candidate in candidates)
        {
            var distance = EditDistance.Between(word.ToLowerInvariant(), candidate.ToLowerInvariant());
            if (distance < bestDistance && distance <= limit && distance * 2 < word.Length && candidate != word)
            {
                best = candidate;
                bestDistance = distance;
            }
        }

        return best;
    }
}
