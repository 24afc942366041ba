using System.Xml.Linq;
using SmsOnboarding.Aws.IdentityManagement.Model;
using SmsOnboarding.Aws.Protocols;
using SmsOnboarding.Aws.SimpleNotificationService.Model;

namespace SmsOnboarding.Aws.Tests;

/// <summary>awsQuery encoding in botocore's layout, and the server-side reading the simulator relies on.</summary>
public sealed class QueryCodecTests
{
    private static string Form(Action<QueryWriter> write)
    {
        var w = new QueryWriter();
        write(w);
        return w.ToFormBody();
    }

    [Fact]
    public void List_members_are_numbered_from_one()
    {
        var request = new GetSMSAttributesRequest { Attributes = ["MonthlySpendLimit", "DefaultSMSType"] };

        Assert.Equal("attributes.member.1=MonthlySpendLimit&attributes.member.2=DefaultSMSType", Form(w => request.WriteQuery(w, "")));
    }

    [Fact]
    public void Empty_list_is_sent_as_a_bare_key()
    {
        Assert.Equal("attributes=", Form(w => new GetSMSAttributesRequest { Attributes = [] }.WriteQuery(w, "")));
    }

    [Fact]
    public void Map_entries_are_sent_as_numbered_key_value_pairs()
    {
        var request = new SetSMSAttributesRequest
        {
            Attributes = new() { ["MonthlySpendLimit"] = "100", ["DefaultSMSType"] = "Transactional" },
        };

        Assert.Equal(
            "attributes.entry.1.key=MonthlySpendLimit&attributes.entry.1.value=100&attributes.entry.2.key=DefaultSMSType&attributes.entry.2.value=Transactional",
            Form(w => request.WriteQuery(w, "")));
    }

    [Fact]
    public void Nested_structures_in_lists_and_reserved_characters_are_encoded()
    {
        var request = new TagRoleRequest { RoleName = "sms role", Tags = [new Tag { Key = "team", Value = "a&b=c" }] };

        Assert.Equal("RoleName=sms%20role&Tags.member.1.Key=team&Tags.member.1.Value=a%26b%3Dc", Form(w => request.WriteQuery(w, "")));
    }

    [Fact]
    public void Server_side_reading_restores_the_request_the_client_wrote()
    {
        var original = new PublishRequest
        {
            PhoneNumber = "+14155550100",
            Message = "Your code is 123456 & more",
            MessageAttributes = new() { ["AWS.SNS.SMS.SMSType"] = new MessageAttributeValue { DataType = "String", StringValue = "Transactional" } },
        };
        var writer = new QueryWriter();
        writer.Scalar("Action", "Publish");
        original.WriteQuery(writer, "");

        var read = PublishRequest.ReadQuery(QueryReader.FromFormBody(writer.ToFormBody()), "");

        Assert.Equal(original.PhoneNumber, read.PhoneNumber);
        Assert.Equal(original.Message, read.Message);
        Assert.Equal("Transactional", read.MessageAttributes!["AWS.SNS.SMS.SMSType"].StringValue);
        Assert.Null(read.TopicArn);
    }

    [Fact]
    public void Sns_xml_response_with_map_is_parsed_ignoring_the_namespace()
    {
        const string xml = """
            <GetSMSAttributesResponse xmlns="http://sns.amazonaws.com/doc/2010-03-31/">
              <GetSMSAttributesResult>
                <attributes>
                  <entry><key>MonthlySpendLimit</key><value>1</value></entry>
                  <entry><key>DefaultSMSType</key><value>Transactional</value></entry>
                </attributes>
              </GetSMSAttributesResult>
              <ResponseMetadata><RequestId>0a1b</RequestId></ResponseMetadata>
            </GetSMSAttributesResponse>
            """;
        var result = XDocument.Parse(xml).Root!.Elements().First();

        var response = GetSMSAttributesResponse.ReadXml(result);

        Assert.Equal("1", response.Attributes!["MonthlySpendLimit"]);
        Assert.Equal("Transactional", response.Attributes["DefaultSMSType"]);
    }

    [Fact]
    public void Xml_lists_booleans_and_timestamps_are_parsed()
    {
        const string xml = """
            <ListSMSSandboxPhoneNumbersResult>
              <PhoneNumbers>
                <member><PhoneNumber>+14155550100</PhoneNumber><Status>Verified</Status></member>
                <member><PhoneNumber>+14155550101</PhoneNumber><Status>Pending</Status></member>
              </PhoneNumbers>
              <NextToken>next</NextToken>
            </ListSMSSandboxPhoneNumbersResult>
            """;
        var response = ListSMSSandboxPhoneNumbersResponse.ReadXml(XElement.Parse(xml));
        var role = Role.ReadXml(XElement.Parse("<Role><RoleName>r</RoleName><CreateDate>2026-11-29T04:00:00Z</CreateDate><MaxSessionDuration>3600</MaxSessionDuration></Role>"));

        Assert.Equal([SMSSandboxPhoneNumberVerificationStatus.Verified, SMSSandboxPhoneNumberVerificationStatus.Pending], response.PhoneNumbers!.Select(p => p.Status));
        Assert.Equal("next", response.NextToken);
        Assert.Equal(new DateTime(2026, 11, 29, 4, 0, 0, DateTimeKind.Utc), role.CreateDate);
        Assert.Equal(DateTimeKind.Utc, role.CreateDate!.Value.Kind);
        Assert.Equal(3600, role.MaxSessionDuration);
        Assert.True(GetSMSSandboxAccountStatusResponse.ReadXml(XElement.Parse("<R><IsInSandbox>true</IsInSandbox></R>")).IsInSandbox);
    }

    [Fact]
    public void Xml_written_by_the_server_side_reads_back_identically()
    {
        var original = new GetRoleResponse
        {
            Role = new Role
            {
                RoleName = "SmsRole",
                Arn = "arn:aws:iam::111122223333:role/SmsRole",
                CreateDate = new DateTime(2026, 1, 2, 3, 4, 5, DateTimeKind.Utc),
                Tags = [new Tag { Key = "k", Value = "v" }],
            },
        };

        var back = GetRoleResponse.ReadXml(original.WriteXml("GetRoleResult", "https://iam.amazonaws.com/doc/2010-05-08/"));

        Assert.Equal(original.Role.Arn, back.Role!.Arn);
        Assert.Equal(original.Role.CreateDate, back.Role.CreateDate);
        Assert.Equal("v", back.Role.Tags!.Single().Value);
    }
}
