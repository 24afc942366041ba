using System.Text.Json;
using System.Text.Json.Serialization;

namespace SmsOnboarding.Steps.Contracts;

/// <summary>Source-generated (de)serialisation of every step contract: camelCase, enums as names, nulls omitted.</summary>
[JsonSourceGenerationOptions(
    JsonSerializerDefaults.Web,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    UseStringEnumConverter = true)]
[JsonSerializable(typeof(ResolvePoolInput))]
[JsonSerializable(typeof(StepInput))]
[JsonSerializable(typeof(PoolInfo))]
[JsonSerializable(typeof(RoleInfo))]
[JsonSerializable(typeof(SandboxStatus))]
[JsonSerializable(typeof(OriginationInput))]
[JsonSerializable(typeof(OriginationProgress))]
[JsonSerializable(typeof(SendCodeInput))]
[JsonSerializable(typeof(CodeSends))]
[JsonSerializable(typeof(VerifyCodeInput))]
[JsonSerializable(typeof(VerificationState))]
[JsonSerializable(typeof(HumanAnswer))]
[JsonSerializable(typeof(RegisterHumanTaskInput))]
[JsonSerializable(typeof(HumanTaskRegistered))]
[JsonSerializable(typeof(CaseInput))]
[JsonSerializable(typeof(CaseState))]
[JsonSerializable(typeof(SpendCheck))]
[JsonSerializable(typeof(SpendLimitSet))]
[JsonSerializable(typeof(FinalizeInput))]
[JsonSerializable(typeof(FinalizeResult))]
[JsonSerializable(typeof(TestMessageResult))]
[JsonSerializable(typeof(StepError))]
public sealed partial class StepJson : JsonSerializerContext;

/// <summary>The error document a Lambda-style failure carries.</summary>
public sealed record StepError(string ErrorType, string ErrorMessage);
