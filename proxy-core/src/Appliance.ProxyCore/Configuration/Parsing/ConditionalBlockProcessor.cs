namespace Appliance.ProxyCore.Configuration.Parsing;

/// <summary>
/// Handles the <c>.if</c>/<c>.elif</c>/<c>.else</c>/<c>.endif</c> blocks (nestable) and the message directives
/// <c>.diag</c>, <c>.notice</c>, <c>.warning</c> and <c>.alert</c>, deciding for every other line whether it is kept.
/// <c>.warning</c> adds a warning and <c>.alert</c> an error; <c>.notice</c> and <c>.diag</c> are informational and
/// produce no diagnostic. Conditions inside a skipped block are not evaluated.
/// </summary>
internal sealed class ConditionalBlockProcessor(DiagnosticBag bag, Func<string, string?> environment)
{
    private readonly Stack<Block> _blocks = new();

    private bool Active => _blocks.Count == 0 || _blocks.Peek().Active;

    /// <summary>Returns true when the line is an ordinary line inside active blocks and must be parsed.</summary>
    public bool Accept(IReadOnlyList<string> words, SourceLocation location)
    {
        var keyword = words[0];
        if (!keyword.StartsWith('.'))
        {
            return Active;
        }

        var expression = string.Join(' ', words.Skip(1));
        switch (keyword)
        {
            case ".if":
                {
                    var enclosing = Active;
                    var value = enclosing && Evaluate(keyword, expression, location);
                    _blocks.Push(new Block(location, enclosing, value, value, false));
                    return false;
                }

            case ".elif":
                {
                    if (!TryTop(keyword, location, out var block))
                    {
                        return false;
                    }

                    if (block.SeenElse)
                    {
                        bag.Error(location, ConfigMessages.ElifAfterElse());
                        return false;
                    }

                    var value = block.Enclosing && !block.Taken && Evaluate(keyword, expression, location);
                    _blocks.Pop();
                    _blocks.Push(block with { Active = value, Taken = block.Taken || value });
                    return false;
                }

            case ".else":
                {
                    if (!TryTop(keyword, location, out var block))
                    {
                        return false;
                    }

                    if (block.SeenElse)
                    {
                        bag.Error(location, ConfigMessages.DuplicateElse());
                        return false;
                    }

                    _blocks.Pop();
                    _blocks.Push(block with { Active = block.Enclosing && !block.Taken, Taken = true, SeenElse = true });
                    return false;
                }

            case ".endif":
                if (TryTop(keyword, location, out _))
                {
                    _blocks.Pop();
                }

                return false;
            case ".warning":
                if (Active)
                {
                    bag.Warning(location, ConfigMessages.DirectiveMessage(expression));
                }

                return false;
            case ".alert":
                if (Active)
                {
                    bag.Error(location, ConfigMessages.DirectiveMessage(expression));
                }

                return false;
            case ".notice" or ".diag":
                return false;
            default:
                if (Active)
                {
                    bag.Error(location, ConfigMessages.UnknownDirective(keyword, NearestMatch.Find(keyword, Directives)));
                }

                return false;
        }
    }

    /// <summary>Reports every block left open at the end of the file, at the line that opened it.</summary>
    public void Finish()
    {
        foreach (var block in _blocks.Reverse())
        {
            bag.Error(block.OpenedAt, ConfigMessages.UnclosedIf());
        }

        _blocks.Clear();
    }

    private static readonly string[] Directives = [".if", ".elif", ".else", ".endif", ".diag", ".notice", ".warning", ".alert"];

    private bool Evaluate(string keyword, string expression, SourceLocation location)
    {
        var value = ConditionEvaluator.Evaluate(expression, environment, out var error);
        if (error is not null)
        {
            bag.Error(location, ConfigMessages.BadCondition(keyword, expression, error));
        }

        return value ?? false;
    }

    private bool TryTop(string keyword, SourceLocation location, out Block block)
    {
        if (_blocks.TryPeek(out block!))
        {
            return true;
        }

        bag.Error(location, ConfigMessages.DirectiveWithoutIf(keyword));
        return false;
    }

    /// <param name="Enclosing">Whether the blocks around this one are active.</param>
    /// <param name="Active">Whether lines in the current branch are kept.</param>
    /// <param name="Taken">Whether a branch of this block was already chosen, so later branches are skipped.</param>
    private sealed record Block(SourceLocation OpenedAt, bool Enclosing, bool Active, bool Taken, bool SeenElse);
}
