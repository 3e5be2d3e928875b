using Appliance.ProxyCore.Forwarding.Http.Parsing;

namespace Appliance.ProxyCore.Forwarding.Http;

/// <summary>
/// An editable list of a message's field lines as text (Latin-1), for the rule engine. Built from a parsed head only
/// when a proxy has rules; <see cref="HeaderEdits"/> from persistence are folded in before writing.
/// </summary>
internal class MessageHeaders
{
    private readonly List<(string Name, string Value)> _headers = [];

    public int HeaderCount => _headers.Count;

    public IReadOnlyList<(string Name, string Value)> Headers => _headers;

    public ReadOnlySpan<char> GetHeaderName(int index) => _headers[index].Name;

    public ReadOnlySpan<char> GetHeaderValue(int index) => _headers[index].Value;

    public void AddHeader(string name, ReadOnlySpan<char> value) => _headers.Add((name, value.ToString()));

    public void SetHeaderValue(int index, ReadOnlySpan<char> value) => _headers[index] = (_headers[index].Name, value.ToString());

    public void RemoveHeader(int index) => _headers.RemoveAt(index);

    /// <summary>Replaces the list with the head's field lines.</summary>
    protected void LoadHeaders(HttpMessageHead head)
    {
        _headers.Clear();
        for (var i = 0; i < head.HeaderCount; i++)
        {
            var field = head.GetHeader(i);
            _headers.Add((field.GetNameString(), field.GetValueString()));
        }
    }

    /// <summary>Applies name-based edits (removals, then surviving additions).</summary>
    public void Apply(HeaderEdits edits)
    {
        if (edits.IsEmpty)
        {
            return;
        }

        _headers.RemoveAll(h => edits.RemovesOriginal(h.Name));
        foreach (var (name, value) in edits.SurvivingAdditions())
        {
            _headers.Add((name, value));
        }
    }
}
