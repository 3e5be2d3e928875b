using Appliance.ProxyCore.Configuration;

namespace Appliance.ProxyCore.Acl;

/// <summary>
/// Parses the words of one ACL: <c>FETCH [FLAGS] [VALUES]</c>, from an <c>acl NAME ...</c> line or between the braces of
/// an anonymous ACL. Flags: <c>-i</c> (ignore case, for every pattern of the line), <c>-m METHOD</c>, <c>-f FILE</c>
/// (repeatable), <c>-n</c> (accepted: names are never resolved anyway), <c>--</c> (end of flags). Problems are added to
/// the bag; the result is null after an error.
/// </summary>
internal sealed class AclParser(DiagnosticBag bag)
{
    public AclExpression? Parse(IReadOnlyList<string> words, string subject, SourceLocation location)
    {
        if (words.Count == 0)
        {
            bag.Error(location, ConfigMessages.AclWithoutFetch(subject));
            return null;
        }

        var expression = SampleExpressionParser.Parse(words[0], subject, allowShorthand: true, out var implied, out var error);
        if (expression is null)
        {
            bag.Error(location, error!);
            return null;
        }

        var ignoreCase = false;
        MatchKind? method = null;
        var patterns = new List<string>();
        var endOfFlags = false;
        var sawFile = false;
        var index = 1;
        for (; index < words.Count && !endOfFlags && words[index].StartsWith('-') && words[index].Length > 1; index++)
        {
            var flag = words[index];
            switch (flag)
            {
                case "-i":
                    ignoreCase = true;
                    break;
                case "-n":
                    break;
                case "--":
                    endOfFlags = true;
                    break;
                case "-m" or "-f":
                    if (index + 1 >= words.Count)
                    {
                        bag.Error(location, ConfigMessages.AclFlagWithoutValue(subject, flag, flag == "-m" ? "a matching method" : "a file name"));
                        return null;
                    }

                    var value = words[++index];
                    if (flag == "-f")
                    {
                        if (PatternFile.TryRead(value, out var reason) is not { } lines)
                        {
                            bag.Error(location, ConfigMessages.AclPatternFile(subject, value, reason!));
                            return null;
                        }

                        patterns.AddRange(lines);
                        sawFile = true;
                    }
                    else if ((method = MatcherFactory.ParseMethod(value)) is null)
                    {
                        bag.Error(location, ConfigMessages.AclUnknownMethod(subject, value, MatcherFactory.MethodNames,
                            Configuration.Parsing.NearestMatch.Find(value, MatcherFactory.MethodNames)));
                        return null;
                    }

                    break;
                default:
                    bag.Error(location, ConfigMessages.AclUnknownFlag(subject, flag));
                    return null;
            }
        }

        patterns.AddRange(words.Skip(index));
        var kind = method ?? implied ?? MatcherFactory.DefaultFor(expression.Type);
        var matcher = MatcherFactory.Create(kind, patterns, ignoreCase, subject, out error);
        if (matcher is null)
        {
            bag.Error(location, error!);
            return null;
        }

        // An empty pattern file is intended (it may be filled later), so it draws no warning.
        if (patterns.Count == 0 && !sawFile && kind is not (MatchKind.Found or MatchKind.Bool) && !endOfFlags)
        {
            bag.Warning(location, ConfigMessages.AclWithoutPatterns(subject, words[0]));
        }

        return new AclExpression(expression, matcher);
    }
}
