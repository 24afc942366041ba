namespace SmsOnboarding.Steps;

/// <summary>
/// One Lambda function of the workflow. <see cref="FunctionArnPlaceholder"/> is the DefinitionSubstitutions key
/// the ASL uses for it; <see cref="LambdaHandler"/> is the dotnet10 managed-runtime handler string.
/// </summary>
public sealed record StepDescriptor(
    string Name,
    string FunctionArnPlaceholder,
    string LambdaHandler,
    IReadOnlyList<IamGrant> Permissions)
{
    /// <summary>Local function name; the embedded engine resolves handlers by it.</summary>
    public string LocalFunctionName => StepCatalog.LocalFunctionName(Name);
}

/// <summary>
/// A least-privilege statement. Resources may use the tokens {partition}, {region} and {account}.
/// <see cref="Conditions"/> maps an IAM condition operator to key/value pairs (values may use the same tokens).
/// </summary>
public sealed record IamGrant(
    IReadOnlyList<string> Actions,
    IReadOnlyList<string> Resources,
    IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>>? Conditions = null);
