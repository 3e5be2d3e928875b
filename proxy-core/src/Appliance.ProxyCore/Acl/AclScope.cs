using Appliance.ProxyCore.Configuration;

namespace Appliance.ProxyCore.Acl;

/// <summary>
/// The ACLs one proxy can see while its lines are read in order: those declared so far (a later <c>acl</c> line with
/// the same name ORs into it), then the predefined ones. As in HAProxy, a rule can only use ACLs declared above it;
/// <see cref="DeclaredLater"/> lets the message say so when the name is declared further down.
/// </summary>
internal sealed class AclScope
{
    private readonly Dictionary<string, AclDefinition> _declared = new(StringComparer.Ordinal);
    private readonly Dictionary<string, SourceLocation> _allDeclarations;

    /// <param name="allDeclarations">Every ACL name of the proxy with the line of its first declaration.</param>
    public AclScope(IReadOnlyDictionary<string, SourceLocation> allDeclarations)
    {
        _allDeclarations = new Dictionary<string, SourceLocation>(allDeclarations, StringComparer.Ordinal);
    }

    /// <summary>The ACLs declared so far, by name.</summary>
    public IReadOnlyDictionary<string, AclDefinition> Declared => _declared;

    public void Declare(string name, AclExpression expression) =>
        _declared[name] = _declared.TryGetValue(name, out var existing) ? existing.With(expression) : new AclDefinition(name, [expression]);

    public AclDefinition? Find(string name) => _declared.GetValueOrDefault(name) ?? PredefinedAcls.Find(name);

    /// <summary>Where <paramref name="name"/> is first declared when that is below the current line; null otherwise.</summary>
    public SourceLocation? DeclaredLater(string name) =>
        !_declared.ContainsKey(name) && _allDeclarations.TryGetValue(name, out var location) ? location : null;

    /// <summary>Every name a condition could use here, for hints.</summary>
    public IEnumerable<string> VisibleNames => _declared.Keys.Concat(PredefinedAcls.Names);
}
