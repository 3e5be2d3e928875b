using System.Globalization;
using Appliance.ProxyCore.Acl;
using Appliance.ProxyCore.Configuration;
using Appliance.ProxyCore.Configuration.Validation;
using Appliance.ProxyCore.Rules.LogFormat;

namespace Appliance.ProxyCore.Rules;

/// <summary>
/// Compiles each proxy's deferred <c>acl</c>, <c>use_backend</c>, <c>http-request</c>, <c>http-response</c>,
/// <c>redirect</c> and <c>errorfile</c> lines into an <see cref="HttpRuleSet"/> and attaches it to the proxy
/// (<see cref="ProxyConfig.HttpRules"/>). Runs inside <see cref="ConfigLoader"/>, so <c>appliance check</c> reports
/// every problem with its line; also warns like HAProxy about rules placed where they do not run in written order.
/// Backend names of <c>use_backend</c> are checked by <see cref="BackendReferenceValidator"/>, not here.
/// </summary>
public static class HttpRulesCompiler
{
    public static ApplianceConfig Compile(ApplianceConfig config, DiagnosticBag bag)
    {
        var backendNames = config.Backends.Select(b => b.Name).Distinct().ToList();
        return config with { Proxies = [.. config.Proxies.Select(p => p with { HttpRules = CompileProxy(p, backendNames, bag) })] };
    }

    /// <summary>Compiles one proxy; <paramref name="backendNames"/> are the names a dynamic <c>use_backend</c> may resolve to.</summary>
    public static HttpRuleSet CompileProxy(ProxyConfig proxy, IEnumerable<string> backendNames, DiagnosticBag bag)
    {
        var lines = proxy.DeferredLines;
        var declarations = new Dictionary<string, SourceLocation>(StringComparer.Ordinal);
        foreach (var line in lines)
        {
            if (line.Keyword == "acl" && line.Arguments.Count > 0)
            {
                declarations.TryAdd(line.Arguments[0], line.Location);
            }
        }

        var scope = new AclScope(declarations);
        var aclParser = new AclParser(bag);
        var requestRules = new List<HttpRule>();
        var redirectRules = new List<HttpRule>();
        var switchingRules = new List<SwitchingRule>();
        var responseRules = new List<HttpRule>();
        var errorFiles = new Dictionary<int, ErrorFile>();
        var placement = new PlacementChecker(proxy, bag);
        foreach (var line in lines)
        {
            var where = BackendReferenceValidator.Where(proxy, line.Location);
            var context = new RuleParseContext(line, where, proxy.Name, scope, bag);
            switch (line.Keyword)
            {
                case "acl":
                    DeclareAcl(context, aclParser);
                    break;
                case "use_backend":
                    placement.Saw(line);
                    if (ParseSwitching(context) is { } switching)
                    {
                        switchingRules.Add(switching);
                    }

                    break;
                case "redirect":
                    placement.Saw(line);
                    if (HttpRuleParser.ParseRedirect(context) is { } redirect)
                    {
                        redirectRules.Add(redirect);
                    }

                    break;
                case "http-request" or "http-response":
                    placement.Saw(line);
                    if (HttpRuleParser.Parse(context, response: line.Keyword == "http-response") is { } rule)
                    {
                        placement.Compiled(rule);
                        (line.Keyword == "http-request" ? requestRules : responseRules).Add(rule);
                    }

                    break;
                case "errorfile":
                    if (LoadErrorFile(context) is { } errorFile)
                    {
                        // A proxy's own line comes after the inherited one and replaces it.
                        errorFiles[errorFile.Status] = errorFile;
                    }

                    break;
            }
        }

        return new HttpRuleSet(scope.Declared, requestRules, redirectRules, switchingRules, responseRules, proxy.DefaultBackend,
            proxy.ForwardFor, errorFiles, backendNames);
    }

    private static void DeclareAcl(RuleParseContext context, AclParser parser)
    {
        var words = context.Words;
        if (words.Count == 0)
        {
            context.Error(ConfigMessages.MissingArgument("acl", context.Where, "a name and a fetch such as 'path_beg /api'"));
            return;
        }

        var name = words[0];
        if (!name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or ':'))
        {
            context.Error(ConfigMessages.AclBadName(context.Where, name));
            return;
        }

        if (parser.Parse([.. words.Skip(1)], ConfigMessages.AclSubject(name, context.Where), context.Location) is { } expression)
        {
            context.Scope.Declare(name, expression);
        }
    }

    /// <summary><c>use_backend NAME [if|unless COND]</c>; a NAME with <c>%</c> is a log-format string.</summary>
    private static SwitchingRule? ParseSwitching(RuleParseContext context)
    {
        var words = context.Words;
        if (words.Count == 0 || words[0] is "if" or "unless")
        {
            context.Error(ConfigMessages.MissingArgument("use_backend", context.Where, "a backend name"));
            return null;
        }

        var subject = ConfigMessages.RuleSubject("use_backend", context.Where);
        LogFormatString? dynamic = null;
        if (words[0].Contains('%', StringComparison.Ordinal) && (dynamic = context.Format(words[0], subject)) is null)
        {
            return null;
        }

        if (words.Count > 1 && !context.AtConditionOrEnd(1))
        {
            context.Error(ConfigMessages.ExpectsIfOrUnless(subject, words[1]));
            return null;
        }

        if (!context.TryCondition(1, subject, out var condition))
        {
            return null;
        }

        // '%%' alone makes a literal name: keep it static.
        return dynamic is { LiteralText: { } literal }
            ? new SwitchingRule(literal, null, condition, context.Location)
            : new SwitchingRule(dynamic is null ? words[0] : null, dynamic, condition, context.Location);
    }

    private static ErrorFile? LoadErrorFile(RuleParseContext context)
    {
        var words = context.Words;
        if (words.Count != 2)
        {
            context.Error(words.Count < 2
                ? ConfigMessages.MissingArgument("errorfile", context.Where, "a status code and a file")
                : ConfigMessages.TooManyArguments("errorfile", context.Where, "a status code and a file", words[2]));
            return null;
        }

        if (!int.TryParse(words[0], NumberStyles.None, CultureInfo.InvariantCulture, out var code) || Array.IndexOf(ErrorFile.Codes, code) < 0)
        {
            context.Error(ConfigMessages.ErrorFileBadCode(context.Where, words[0]));
            return null;
        }

        var file = ErrorFileLoader.Load(code, words[1], out var problem);
        if (file is null)
        {
            context.Error(ConfigMessages.ErrorFileProblem(context.Where, words[0], problem!));
        }

        return file;
    }
}
