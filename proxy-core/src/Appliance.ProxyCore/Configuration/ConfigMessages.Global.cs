namespace Appliance.ProxyCore.Configuration;

/// <summary>Messages of the <c>global</c> section's own keywords.</summary>
internal static partial class ConfigMessages
{
    public static string AccountRepeated(string keyword, string value, string first, string firstLocation) =>
        $"'{keyword} {value}' {InGlobal} conflicts with '{first}' at {firstLocation}: give the {(keyword is "user" or "uid" ? "user" : "group")} once, by name or by number";

    public static string ExpectsAccountId(string keyword, string number, string got, string nameKeyword) =>
        $"'{keyword}' {InGlobal} expects {number} from 0 to 4294967294 (got '{got}'); for a name use '{nameKeyword}'";
}
