using System.Globalization;

namespace Appliance.ProxyCore.Configuration.Parsing;

/// <summary>
/// Evaluates the expression of <c>.if</c>/<c>.elif</c>: integers (0 is false), <c>defined(VAR)</c>, <c>feature(NAME)</c>,
/// <c>streq(a,b)</c>, <c>strneq(a,b)</c>, <c>strstr(a,b)</c>, <c>version_atleast(X)</c>, <c>version_before(X)</c>,
/// <c>!</c>, <c>&amp;&amp;</c>, <c>||</c> and parentheses. <c>&amp;&amp;</c> binds tighter than <c>||</c>. An empty
/// expression is false, as in HAProxy.
/// </summary>
internal sealed class ConditionEvaluator
{
    /// <summary>The HAProxy version whose configuration language this parser speaks.</summary>
    public static readonly Version CompatibleVersion = new(2, 6, 0, 0);

    /// <summary>Build features reported by <c>feature()</c>; TLS is always available in .NET.</summary>
    private static readonly HashSet<string> Features = new(StringComparer.Ordinal) { "OPENSSL" };

    private static readonly string[] Predicates = ["defined", "feature", "streq", "strneq", "strstr", "version_atleast", "version_before"];

    private readonly string _text;
    private readonly Func<string, string?> _environment;
    private int _pos;

    private ConditionEvaluator(string text, Func<string, string?> environment)
    {
        _text = text;
        _environment = environment;
    }

    /// <summary>Returns the value of <paramref name="expression"/>, or null with <paramref name="error"/> set.</summary>
    public static bool? Evaluate(string expression, Func<string, string?> environment, out string? error)
    {
        var evaluator = new ConditionEvaluator(expression, environment);
        error = null;
        try
        {
            evaluator.SkipSpaces();
            if (evaluator.AtEnd)
            {
                return false;
            }

            var value = evaluator.ParseOr();
            evaluator.SkipSpaces();
            if (!evaluator.AtEnd)
            {
                throw new FormatException(ConfigMessages.ConditionUnexpectedText(expression[evaluator._pos..]));
            }

            return value;
        }
        catch (FormatException e)
        {
            error = e.Message;
            return null;
        }
    }

    private bool AtEnd => _pos >= _text.Length;

    private bool ParseOr()
    {
        var value = ParseAnd();
        while (TryConsume("||"))
        {
            // Both sides are always parsed so that a syntax error on the right is reported.
            var right = ParseAnd();
            value = value || right;
        }

        return value;
    }

    private bool ParseAnd()
    {
        var value = ParseUnary();
        while (TryConsume("&&"))
        {
            var right = ParseUnary();
            value = value && right;
        }

        return value;
    }

    private bool ParseUnary()
    {
        if (TryConsume("!"))
        {
            return !ParseUnary();
        }

        if (TryConsume("("))
        {
            var value = ParseOr();
            if (!TryConsume(")"))
            {
                throw new FormatException(ConfigMessages.ConditionMissingParenthesis());
            }

            return value;
        }

        return ParseTerm();
    }

    private bool ParseTerm()
    {
        SkipSpaces();
        var start = _pos;
        while (!AtEnd && !char.IsWhiteSpace(_text[_pos]) && "()&|!".IndexOf(_text[_pos]) < 0)
        {
            _pos++;
        }

        var name = _text[start.._pos];
        if (!AtEnd && _text[_pos] == '(')
        {
            _pos++;
            return EvaluatePredicate(name, ReadArguments());
        }

        if (name.Length == 0)
        {
            throw new FormatException(ConfigMessages.ConditionExpectedTerm(AtEnd ? "end of line" : _text[_pos..]));
        }

        if (long.TryParse(name, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number))
        {
            return number != 0;
        }

        throw new FormatException(ConfigMessages.ConditionExpectedTerm(name));
    }

    private List<string> ReadArguments()
    {
        var arguments = new List<string>();
        var start = _pos;
        while (!AtEnd && _text[_pos] != ')')
        {
            if (_text[_pos] == ',')
            {
                arguments.Add(_text[start.._pos].Trim());
                start = _pos + 1;
            }

            _pos++;
        }

        if (AtEnd)
        {
            throw new FormatException(ConfigMessages.ConditionMissingParenthesis());
        }

        var last = _text[start.._pos].Trim();
        if (last.Length > 0 || arguments.Count > 0)
        {
            arguments.Add(last);
        }

        _pos++;
        return arguments;
    }

    private bool EvaluatePredicate(string name, List<string> args)
    {
        return name switch
        {
            "defined" => Expect(name, args, 1) && _environment(args[0]) is not null,
            "feature" => Expect(name, args, 1) && Features.Contains(args[0]),
            "streq" => Expect(name, args, 2) && args[0] == args[1],
            "strneq" => Expect(name, args, 2) && args[0] != args[1],
            "strstr" => Expect(name, args, 2) && args[0].Contains(args[1], StringComparison.Ordinal),
            "version_atleast" => Expect(name, args, 1) && CompatibleVersion >= ParseVersion(name, args[0]),
            "version_before" => Expect(name, args, 1) && CompatibleVersion < ParseVersion(name, args[0]),
            _ => throw new FormatException(ConfigMessages.ConditionUnknownPredicate(name, Predicates, NearestMatch.Find(name, Predicates))),
        };
    }

    private static bool Expect(string name, List<string> args, int count) =>
        args.Count == count ? true : throw new FormatException(ConfigMessages.ConditionArgumentCount(name, count, args.Count));

    private static Version ParseVersion(string predicate, string text)
    {
        // HAProxy versions may carry a suffix ("2.6-dev3"); only the numeric part is compared.
        var numeric = new string([.. text.TakeWhile(c => char.IsAsciiDigit(c) || c == '.')]).TrimEnd('.');
        var parts = numeric.Split('.');
        var numbers = new int[4];
        if (numeric.Length == 0 || parts.Length > 4)
        {
            throw new FormatException(ConfigMessages.ConditionBadVersion(predicate, text));
        }

        for (var k = 0; k < parts.Length; k++)
        {
            if (!int.TryParse(parts[k], NumberStyles.None, CultureInfo.InvariantCulture, out numbers[k]))
            {
                throw new FormatException(ConfigMessages.ConditionBadVersion(predicate, text));
            }
        }

        // Four components on both sides: .NET ranks a missing component below 0, so 2.6 would be "before" 2.6.0.
        var version = new Version(numbers[0], numbers[1], numbers[2], numbers[3]);
        return version;
    }

    private bool TryConsume(string token)
    {
        SkipSpaces();
        if (string.CompareOrdinal(_text, _pos, token, 0, token.Length) == 0)
        {
            _pos += token.Length;
            return true;
        }

        return false;
    }

    private void SkipSpaces()
    {
        while (!AtEnd && char.IsWhiteSpace(_text[_pos]))
        {
            _pos++;
        }
    }
}
