using System.Text.RegularExpressions;

namespace SmsOnboarding.Infra.Workflow;

/// <summary>
/// CloudFormation applies DefinitionSubstitutions like Fn::Sub: any other <c>${</c> in the definition (say, in a
/// Comment) would be read as a variable and fail the deployment. Fn::Sub's literal escape <c>${!</c> makes
/// CloudFormation emit the original <c>${</c>, so the deployed definition is still the file, character for character.
/// </summary>
public static partial class SubstitutionText
{
    [GeneratedRegex(@"\$\{(?![A-Za-z0-9_]+\})")]
    private static partial Regex NonPlaceholder();

    [GeneratedRegex(@"\$\{!")]
    private static partial Regex Escaped();

    public static string EscapeNonPlaceholders(string definition) => NonPlaceholder().Replace(definition, "${!");

    /// <summary>What CloudFormation does to an escaped literal; lets tests check the deployed text.</summary>
    public static string Unescape(string template) => Escaped().Replace(template, "${");
}
