namespace SmsOnboarding.Domain.Requests;

/// <summary>Stable, machine-readable problem codes: clients switch on these, people read the message.</summary>
public static class ProblemCodes
{
    public const string InvalidJson = "invalidJson";
    public const string InvalidUtf8 = "invalidUtf8";
    public const string DuplicateKey = "duplicateKey";
    public const string InvalidText = "invalidText";
    public const string TooLarge = "tooLarge";
    public const string NotAnObject = "notAnObject";
    public const string UnknownField = "unknownField";
    public const string Required = "required";
    public const string WrongType = "wrongType";
    public const string Empty = "empty";
    public const string TooLong = "tooLong";
    public const string ForbiddenCharacter = "forbiddenCharacter";
    public const string InvalidFormat = "invalidFormat";
    public const string InvalidValue = "invalidValue";
    public const string UnknownRegion = "unknownRegion";
    public const string SnsRegionNotAllowed = "snsRegionNotAllowed";
    public const string OutOfRange = "outOfRange";
    public const string TooFew = "tooFew";
    public const string TooMany = "tooMany";
    public const string Duplicate = "duplicate";
    public const string InvalidPhoneNumber = "invalidPhoneNumber";
    public const string UnknownCountry = "unknownCountry";
    public const string RequesterIsApprover = "requesterIsApprover";
    public const string OriginationRequired = "originationRequired";
}
