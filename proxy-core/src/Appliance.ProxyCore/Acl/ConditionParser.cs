using Appliance.ProxyCore.Configuration;

namespace Appliance.ProxyCore.Acl;

/// <summary>
/// Parses <c>if|unless COND</c> into a <see cref="Condition"/>. COND is terms separated by spaces (AND) and
/// <c>||</c>/<c>or</c> (OR); a term is an ACL name or an anonymous ACL <c>{ FETCH [FLAGS] VALUES }</c> (braces are
/// separate words), optionally prefixed with <c>!</c> (attached, as in <c>!{</c>, or as its own word).
/// </summary>
internal sealed class ConditionParser(DiagnosticBag bag)
{
    private readonly AclParser _acls = new(bag);

    /// <summary>
    /// Parses <paramref name="words"/> from <paramref name="start"/> (which must be <c>if</c> or <c>unless</c>) to the
    /// end. <paramref name="subject"/> names the rule in messages, e.g. <c>'use_backend' in frontend 'f'</c>.
    /// Returns null after reporting a problem.
    /// </summary>
    public Condition? Parse(IReadOnlyList<string> words, int start, string subject, SourceLocation location, AclScope scope)
    {
        var keyword = words[start];
        if (keyword is not ("if" or "unless"))
        {
            bag.Error(location, ConfigMessages.ExpectsIfOrUnless(subject, keyword));
            return null;
        }

        var groups = new List<List<ConditionTerm>>();
        var group = new List<ConditionTerm>();
        var negated = false;
        for (var i = start + 1; i < words.Count; i++)
        {
            var word = words[i];
            if (word is "||" or "or")
            {
                if (group.Count == 0 || negated)
                {
                    bag.Error(location, ConfigMessages.ConditionMissingTerm(subject, word));
                    return null;
                }

                groups.Add(group);
                group = [];
                continue;
            }

            while (word.StartsWith('!'))
            {
                negated = !negated;
                word = word[1..];
            }

            if (word.Length == 0)
            {
                continue;
            }

            AclDefinition? acl;
            if (word == "{")
            {
                var close = IndexOfClosingBrace(words, i + 1);
                if (close < 0)
                {
                    bag.Error(location, ConfigMessages.ConditionUnclosedBrace(subject));
                    return null;
                }

                var inner = words.Skip(i + 1).Take(close - i - 1).ToList();
                var name = $"{{ {string.Join(' ', inner)} }}";
                var expression = _acls.Parse(inner, ConfigMessages.AnonymousAcl(subject, name), location);
                if (expression is null)
                {
                    return null;
                }

                acl = new AclDefinition(name, [expression]);
                i = close;
            }
            else if (word.StartsWith('{') || word.EndsWith('}'))
            {
                bag.Error(location, ConfigMessages.ConditionBraceNotSeparate(subject, words[i]));
                return null;
            }
            else if ((acl = scope.Find(word)) is null)
            {
                bag.Error(location, Array.IndexOf(PredefinedAcls.Unsupported, word) >= 0
                    ? ConfigMessages.ConditionUnsupportedPredefinedAcl(subject, word)
                    : ConfigMessages.ConditionUnknownAcl(subject, word, scope.DeclaredLater(word),
                        Configuration.Parsing.NearestMatch.Find(word, scope.VisibleNames)));
                return null;
            }

            group.Add(new ConditionTerm(acl, negated));
            negated = false;
        }

        if (group.Count == 0 || negated)
        {
            bag.Error(location, groups.Count == 0 && !negated
                ? ConfigMessages.ConditionEmpty(subject, keyword)
                : ConfigMessages.ConditionMissingTerm(subject, negated ? "!" : "||"));
            return null;
        }

        groups.Add(group);
        return new Condition(groups, keyword == "unless");
    }

    private static int IndexOfClosingBrace(IReadOnlyList<string> words, int from)
    {
        for (var i = from; i < words.Count; i++)
        {
            if (words[i] == "}")
            {
                return i;
            }
        }

        return -1;
    }
}
