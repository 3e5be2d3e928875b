using Appliance.ProxyCore.Configuration;

namespace Appliance.ProxyCore.Acl;

/// <summary>
/// HAProxy's predefined ACLs, usable in every proxy without an <c>acl</c> line. Each is defined here by the ACL words
/// HAProxy's manual gives for it (section 7.4), compiled once by the ordinary parser. A proxy's own <c>acl</c> with the
/// same name takes precedence.
/// </summary>
internal static class PredefinedAcls
{
    private static readonly (string Name, string[] Words)[] Definitions =
    [
        ("TRUE", ["always_true"]),
        ("FALSE", ["always_false"]),
        ("HTTP", ["req.proto_http"]),
        ("HTTP_1.0", ["req.ver", "1.0"]),
        ("HTTP_1.1", ["req.ver", "1.1"]),
        ("HTTP_2.0", ["req.ver", "2.0"]),
        ("HTTP_CONTENT", ["hdr_val(content-length)", "gt", "0"]),
        ("HTTP_URL_ABS", ["url_reg", "^[^/:]*://"]),
        ("HTTP_URL_SLASH", ["url_beg", "/"]),
        ("HTTP_URL_STAR", ["url", "*"]),
        ("LOCALHOST", ["src", "127.0.0.1/8", "::1"]),
        ("METH_CONNECT", ["method", "CONNECT"]),
        ("METH_DELETE", ["method", "DELETE"]),
        ("METH_GET", ["method", "GET", "HEAD"]),
        ("METH_HEAD", ["method", "HEAD"]),
        ("METH_OPTIONS", ["method", "OPTIONS"]),
        ("METH_POST", ["method", "POST"]),
        ("METH_PUT", ["method", "PUT"]),
        ("METH_TRACE", ["method", "TRACE"]),
    ];

    /// <summary>Predefined ACLs that need what this build lacks (request body inspection, TLS hello inspection, RDP).</summary>
    public static readonly string[] Unsupported = ["REQ_CONTENT", "WAIT_END", "RDP_COOKIE"];

    private static readonly Dictionary<string, AclDefinition> ByName = Build();

    public static IEnumerable<string> Names => ByName.Keys;

    public static AclDefinition? Find(string name) => ByName.GetValueOrDefault(name);

    private static Dictionary<string, AclDefinition> Build()
    {
        var bag = new DiagnosticBag();
        var parser = new AclParser(bag);
        var acls = new Dictionary<string, AclDefinition>(StringComparer.Ordinal);
        foreach (var (name, words) in Definitions)
        {
            var expression = parser.Parse(words, name, new SourceLocation("<predefined>", 0))
                ?? throw new InvalidOperationException($"predefined ACL {name} does not compile: {bag.Items[^1]}");
            acls[name] = new AclDefinition(name, [expression]);
        }

        return acls;
    }
}
