namespace SmsOnboarding.Aws.Runtime;

/// <summary>Where to send and how to sign: region, partition, global services and the SDKs' endpoint environment variables.</summary>
public sealed record ResolvedEndpoint(Uri Url, string SigningRegion, string SigningName);

public static class EndpointResolver
{
    public static string ResolveRegion(AwsClientConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var region = config.Region ?? config.EnvironmentVariable("AWS_REGION") ?? config.EnvironmentVariable("AWS_DEFAULT_REGION");
        if (string.IsNullOrWhiteSpace(region))
        {
            throw new InvalidOperationException("No AWS region: set AwsClientConfig.Region, AWS_REGION or AWS_DEFAULT_REGION.");
        }
        return region.Trim();
    }

    public static ResolvedEndpoint Resolve(AwsService service, AwsClientConfig config)
    {
        ArgumentNullException.ThrowIfNull(service);
        ArgumentNullException.ThrowIfNull(config);
        var region = ResolveRegion(config);
        var signingRegion = SigningRegion(service, region);
        var url = config.ServiceUrl ?? ConfiguredEndpoint(service, config) ?? DefaultEndpoint(service, region);
        return new ResolvedEndpoint(url, signingRegion, service.SigningName);
    }

    private static Uri? ConfiguredEndpoint(AwsService service, AwsClientConfig config)
    {
        if (string.Equals(config.EnvironmentVariable("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS"), "true", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }
        foreach (var name in new[] { $"AWS_ENDPOINT_URL_{service.EnvironmentId}", "AWS_ENDPOINT_URL" })
        {
            var value = config.EnvironmentVariable(name);
            if (string.IsNullOrWhiteSpace(value))
            {
                continue;
            }
            if (!Uri.TryCreate(value.Trim(), UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
            {
                throw new InvalidOperationException($"{name} is not an absolute http(s) URL: '{value}'.");
            }
            return uri;
        }
        return null;
    }

    private static string Partition(string region) =>
        region.StartsWith("cn-", StringComparison.Ordinal) ? "aws-cn"
        : region.StartsWith("us-gov-", StringComparison.Ordinal) ? "aws-us-gov"
        : "aws";

    private static string SigningRegion(AwsService service, string region) =>
        !service.Global ? region
        : Partition(region) switch
        {
            "aws-cn" => "cn-north-1",
            "aws-us-gov" => "us-gov-west-1",
            _ => "us-east-1",
        };

    private static Uri DefaultEndpoint(AwsService service, string region)
    {
        var partition = Partition(region);
        var suffix = partition == "aws-cn" ? "amazonaws.com.cn" : "amazonaws.com";
        if (service == AwsService.Iam)
        {
            return partition switch
            {
                "aws-cn" => new Uri("https://iam.cn-north-1.amazonaws.com.cn"),
                "aws-us-gov" => new Uri("https://iam.us-gov.amazonaws.com"),
                _ => new Uri("https://iam.amazonaws.com"),
            };
        }
        var host = service.Global ? SigningRegion(service, region) : region;
        return new Uri($"https://{service.EndpointPrefix}.{host}.{suffix}");
    }
}
