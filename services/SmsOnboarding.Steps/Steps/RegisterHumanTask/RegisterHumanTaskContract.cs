using System.Text.Json.Serialization;
using SmsOnboarding.Domain.Requests;
using SmsOnboarding.Steps.Contracts;
using SmsOnboarding.Steps.TargetAccounts;

namespace SmsOnboarding.Steps.RegisterHumanTask;

public sealed record RegisterHumanTaskInput(
    string TaskToken,
    string ExecutionArn,
    string Kind,
    string Slot,
    int Reminder,
    int TimeoutSeconds,
    int MaxReminders,
    OnboardingRequest Request,
    PoolInfo Pool,
    string? PhoneNumber = null,
    int? WrongCodes = null,
    bool? SendLimited = null,
    string? Need = null,
    string? CaseText = null,
    string? CaseLink = null,
    string? CaseId = null) : IOnboardingPayload;

/// <summary><see cref="Reminder"/>: see Reminders.ReminderOutcomes (null when this registration is not a reminder).</summary>
public sealed record HumanTaskRegistered(string TaskId, string? Reminder = null);

/// <summary>Source-generated (de)serialisation of RegisterHumanTask's payloads, with the options of ContractJson.</summary>
[JsonSerializable(typeof(RegisterHumanTaskInput))]
[JsonSerializable(typeof(HumanTaskRegistered))]
[JsonSerializable(typeof(HumanAnswer))]
internal sealed partial class RegisterHumanTaskJson : JsonSerializerContext;
