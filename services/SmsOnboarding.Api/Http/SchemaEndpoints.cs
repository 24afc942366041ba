using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using SmsOnboarding.Domain.Requests;

namespace SmsOnboarding.Api.Http;

internal static class SchemaEndpoints
{
    // Built once: the field list is fixed at compile time.
    private static readonly string OnboardingRequest = RequestSchema.Build().ToJsonString();

    public static void Map(RouteGroupBuilder api) =>
        api.MapGet("/schema/onboarding-request", () => Results.Text(OnboardingRequest, "application/schema+json"))
            .WithTags("Onboardings")
            .WithSummary("JSON Schema of an onboarding request: each field's label, help, type, whether it is required, and its limits (forms and the CLI are built from it)");
}
