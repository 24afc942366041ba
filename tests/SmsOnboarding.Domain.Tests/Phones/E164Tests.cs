using SmsOnboarding.Domain.Phones;

namespace SmsOnboarding.Domain.Tests.Phones;

public class E164Tests
{
    [Theory]
    [InlineData("+1 (206) 555-0101", "+12065550101")]
    [InlineData(" +44 7911 123456 ", "+447911123456")]
    [InlineData("+82 10-1234-5678", "+821012345678")]
    public void International_numbers_are_normalised_to_e164(string input, string expected)
    {
        Assert.True(E164.TryNormalize(input, out var e164, out var problem), problem);
        Assert.Equal(expected, e164);
    }

    [Theory]
    [InlineData("2065550101", "international")]
    [InlineData("+1 000", "not a valid number")]
    [InlineData("+abc", "not a phone number")]
    [InlineData("", "empty")]
    [InlineData("+1234567890123456789012345678901234", "longer than")]
    public void Bad_numbers_are_refused_with_a_reason(string input, string reason)
    {
        Assert.False(E164.TryNormalize(input, out _, out var problem));
        Assert.Contains(reason, problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("+12065550101", "+1******0101")]
    [InlineData("+447911123456", "+44******3456")]
    public void Masking_keeps_the_country_code_and_last_four_digits(string e164, string masked) =>
        Assert.Equal(masked, E164.Mask(e164));

    [Fact]
    public void A_canadian_number_shares_plus_one_but_is_not_a_us_number()
    {
        Assert.True(E164.IsNorthAmericanUs("+12065550101"));
        Assert.False(E164.IsNorthAmericanUs("+14165550101"));
        Assert.Equal(1, E164.CountryCallingCode("+14165550101"));
    }

    [Fact]
    public void A_guernsey_mobile_still_has_the_uk_calling_code() =>
        Assert.Equal(44, E164.CountryCallingCode("+447911123456"));
}
