using SmsOnboarding.Simulator.Iam.Policies;

namespace SmsOnboarding.Simulator.Tests.Iam;

public sealed class PolicyParserTests
{
    [Theory]
    [InlineData("{not json", PolicyKind.Identity, "This policy contains invalid Json")]
    [InlineData("""{"Version":"2020-01-01","Statement":{"Effect":"Allow","Action":"*","Resource":"*"}}""", PolicyKind.Identity, "The policy must contain a valid version string")]
    [InlineData("""{"Version":"2012-10-17"}""", PolicyKind.Identity, "Syntax errors in policy.")]
    [InlineData("""{"Statement":{"Effect":"Permit","Action":"*","Resource":"*"}}""", PolicyKind.Identity, "Syntax errors in policy.")]
    [InlineData("""{"Statement":{"Effect":"Allow","Resource":"*"}}""", PolicyKind.Identity, "Policy statement must contain actions.")]
    [InlineData("""{"Statement":{"Effect":"Allow","Action":"sns:Publish"}}""", PolicyKind.Identity, "Policy statement must contain resources.")]
    [InlineData("""{"Statement":{"Effect":"Allow","Principal":"*","Action":"sns:Publish","Resource":"*"}}""", PolicyKind.Identity, "Policy document should not specify a principal.")]
    [InlineData("""{"Statement":{"Effect":"Allow","Action":"Publish","Resource":"*"}}""", PolicyKind.Identity, "Actions/Conditions must be prefaced by a vendor, e.g., iam, sdb, ec2, etc.")]
    [InlineData("""{"Statement":{"Effect":"Allow","Principal":{"Service":"cognito-idp.amazonaws.com"},"Action":"sts:AssumeRole","Resource":"*"}}""", PolicyKind.Trust, "Has prohibited field Resource")]
    public void Malformed_documents_are_refused_with_IAMs_message(string json, PolicyKind kind, string message)
    {
        var error = Assert.Throws<PolicyFormatException>(() => Policy.Parse(json, kind));
        Assert.Equal(message, error.Message);
    }

    [Fact]
    public void Operators_the_account_cannot_evaluate_are_refused_instead_of_guessed()
    {
        var error = Assert.Throws<PolicyFormatException>(() => Policy.Parse(
            """{"Statement":{"Effect":"Allow","Action":"*","Resource":"*","Condition":{"IpAddress":{"aws:SourceIp":"10.0.0.0/8"}}}}""", PolicyKind.Identity));
        Assert.Contains("IpAddress", error.Message, StringComparison.Ordinal);
        Assert.Throws<PolicyFormatException>(() => Policy.Parse(
            """{"Statement":{"Effect":"Allow","Action":"*","Resource":"arn:aws:iam::111122223333:user/${aws:username}"}}""", PolicyKind.Identity));
    }

    [Fact]
    public void Single_statement_object_and_scalar_elements_are_read_like_lists()
    {
        var policy = Policy.Parse("""{"Version":"2012-10-17","Statement":{"Sid":"One","Effect":"Deny","NotAction":"iam:*","NotResource":"arn:aws:iam::1:role/x","Condition":{"Bool":{"aws:SecureTransport":false}}}}""", PolicyKind.Identity);
        var statement = Assert.Single(policy.Statements);
        Assert.Equal(("One", Effect.Deny, true, true), (statement.Sid, statement.Effect, statement.NotAction, statement.NotResource));
        Assert.Equal(["iam:*"], statement.Actions);
        var condition = Assert.Single(statement.Conditions);
        Assert.Equal(("Bool", "aws:SecureTransport", "false"), (condition.Operator, condition.Key, Assert.Single(condition.Values)));
    }
}
