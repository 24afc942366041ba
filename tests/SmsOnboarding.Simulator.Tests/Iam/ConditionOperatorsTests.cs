using SmsOnboarding.Simulator.Iam.Policies;

namespace SmsOnboarding.Simulator.Tests.Iam;

/// <summary>
/// Condition operators against a request context, from "IAM JSON policy elements: Condition operators" and
/// "Single-valued vs. multivalued context keys".
/// </summary>
public sealed class ConditionOperatorsTests
{
    private const string PoolArn = "arn:aws:cognito-idp:us-east-1:111122223333:userpool/us-east-1_Abc";

    public static TheoryData<string, string, string[], string[], bool> Cases => new()
    {
        // op, key, policy values, request values (empty: the key is absent), holds
        { "StringEquals", "sts:ExternalId", ["ext-1"], ["ext-1"], true },
        { "StringEquals", "sts:ExternalId", ["ext-1"], ["EXT-1"], false },
        { "StringEquals", "sts:ExternalId", ["ext-1"], [], false },
        { "StringEquals", "aws:SourceAccount", ["444455556666", "111122223333"], ["111122223333"], true },
        { "StringEqualsIgnoreCase", "sts:ExternalId", ["ext-1"], ["EXT-1"], true },
        { "StringNotEquals", "aws:SourceAccount", ["111122223333"], ["444455556666"], true },
        { "StringNotEquals", "aws:SourceAccount", ["111122223333"], ["111122223333"], false },
        { "StringNotEquals", "aws:SourceAccount", ["111122223333", "444455556666"], ["444455556666"], false },
        // A negated operator holds when the key is absent.
        { "StringNotEquals", "aws:SourceAccount", ["111122223333"], [], true },
        { "StringLike", "iam:PassedToService", ["cognito-*"], ["cognito-idp.amazonaws.com"], true },
        { "StringLike", "iam:PassedToService", ["cognito-?dp.amazonaws.com"], ["cognito-idp.amazonaws.com"], true },
        { "StringLike", "iam:PassedToService", ["lambda.*"], ["cognito-idp.amazonaws.com"], false },
        { "StringNotLike", "iam:PassedToService", ["lambda.*"], ["cognito-idp.amazonaws.com"], true },
        { "ArnLike", "aws:SourceArn", ["arn:aws:cognito-idp:us-east-1:111122223333:userpool/*"], [PoolArn], true },
        { "ArnLike", "aws:SourceArn", ["arn:aws:cognito-idp:*:111122223333:userpool/*"], [PoolArn], true },
        { "ArnLike", "aws:SourceArn", ["arn:aws:cognito-idp:us-east-1:444455556666:userpool/*"], [PoolArn], false },
        // Wildcards stay inside their ARN segment: "*" in the region segment cannot swallow the account.
        { "ArnLike", "aws:SourceArn", ["arn:aws:cognito-idp:*:userpool/*"], [PoolArn], false },
        { "ArnEquals", "aws:SourceArn", [PoolArn], [PoolArn], true },
        { "ArnEquals", "aws:SourceArn", ["arn:aws:cognito-idp:us-east-1:111122223333:userpool/*"], [PoolArn], true },
        { "ArnLike", "aws:SourceArn", [PoolArn], ["not-an-arn"], false },
        { "ArnNotLike", "aws:SourceArn", ["arn:aws:cognito-idp:*:111122223333:userpool/*"], [PoolArn], false },
        { "ArnLike", "aws:SourceArn", [PoolArn], [], false },
        { "ArnLikeIfExists", "aws:SourceArn", [PoolArn], [], true },
        { "StringEqualsIfExists", "sts:ExternalId", ["ext-1"], ["ext-2"], false },
        { "Bool", "aws:SecureTransport", ["true"], ["true"], true },
        { "Bool", "aws:SecureTransport", ["true"], ["false"], false },
        { "Null", "sts:ExternalId", ["true"], [], true },
        { "Null", "sts:ExternalId", ["true"], ["ext-1"], false },
        { "Null", "sts:ExternalId", ["false"], ["ext-1"], true },
        // Set operators over multivalued keys.
        { "ForAnyValue:StringEquals", "aws:TagKeys", ["team"], ["owner", "team"], true },
        { "ForAnyValue:StringEquals", "aws:TagKeys", ["team"], [], false },
        { "ForAllValues:StringEquals", "aws:TagKeys", ["team", "owner"], ["owner", "team"], true },
        { "ForAllValues:StringEquals", "aws:TagKeys", ["team"], ["owner", "team"], false },
        // ForAllValues holds for an absent key (the documented pitfall).
        { "ForAllValues:StringEquals", "aws:TagKeys", ["team"], [], true },
        { "ForAnyValue:StringNotEquals", "aws:TagKeys", ["team"], ["team", "owner"], true },
        { "ForAllValues:StringNotEquals", "aws:TagKeys", ["team"], ["team", "owner"], false },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Condition_holds_as_IAM_documents(string op, string key, string[] expected, string[] actual, bool holds)
    {
        var context = actual.Length == 0 ? AccessRequest.Keys() : AccessRequest.Keys([.. actual.Select(v => (key, v))]);
        Assert.Equal(holds, ConditionOperators.Holds(new Condition(op, key, expected), context));
    }

    [Fact]
    public void Condition_keys_are_case_insensitive()
    {
        var context = AccessRequest.Keys(("sts:externalid", "ext-1"));
        Assert.True(ConditionOperators.Holds(new Condition("StringEquals", "sts:ExternalId", ["ext-1"]), context));
    }

    [Theory]
    [InlineData("StringEquals", true)]
    [InlineData("ForAnyValue:StringLikeIfExists", true)]
    [InlineData("Null", true)]
    [InlineData("NullIfExists", false)]
    [InlineData("NumericLessThan", false)]
    [InlineData("IfExists", false)]
    public void Only_operators_the_account_evaluates_are_known(string op, bool known) =>
        Assert.Equal(known, ConditionOperators.IsKnown(op));

    [Theory]
    [InlineData("*", "anything", true)]
    [InlineData("a*c", "abbbc", true)]
    [InlineData("a*c", "ac", true)]
    [InlineData("a?c", "ac", false)]
    [InlineData("a*b*c", "axxbyyc", true)]
    [InlineData("a*b*c", "axxbyy", false)]
    [InlineData("abc", "abcd", false)]
    public void Wildcards_match_star_and_question_mark(string pattern, string value, bool matches) =>
        Assert.Equal(matches, Wildcards.Match(pattern, value));
}
