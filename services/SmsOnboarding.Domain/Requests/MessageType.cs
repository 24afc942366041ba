namespace SmsOnboarding.Domain.Requests;

public enum MessageType
{
    Transactional,
    Promotional,
    OneTimePassword,
}
