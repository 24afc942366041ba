namespace SmsOnboarding.Domain.Requests;

/// <summary>
/// The origination identity wanted for US destinations. When an account holds several, AWS uses
/// short code before 10DLC before toll-free, and that order cannot be changed.
/// </summary>
public enum OriginationType
{
    TollFree,
    TenDlc,
    ShortCode,
    None,
}
