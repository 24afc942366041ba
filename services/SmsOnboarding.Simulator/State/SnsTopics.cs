namespace SmsOnboarding.Simulator.State;

/// <summary>
/// The account's SNS topics and everything published to them. There are no subscriptions: what AWS would
/// deliver (an e-mail to the approvers) is kept per topic for tests, the UI and <c>GET /sim/topics/{name}/messages</c>.
/// Its own lock, taken inside the account's gate by the wire handlers and alone by readers, so reads never wait on a request.
/// </summary>
public sealed class SnsTopics
{
    private readonly Lock _gate = new();
    private readonly List<SnsTopic> _topics = [];

    /// <summary>Topic ARNs in creation order, of one Region or all.</summary>
    public IReadOnlyList<string> Arns(string? region = null)
    {
        lock (_gate)
        {
            return [.. _topics.Where(t => region is null || t.Region == region).Select(t => t.Arn)];
        }
    }

    /// <summary>What was published to the topic, oldest first; empty for a topic that does not exist.</summary>
    public IReadOnlyList<TopicMessage> Messages(string topicArn)
    {
        lock (_gate)
        {
            return _topics.FirstOrDefault(t => t.Arn == topicArn) is { } topic ? [.. topic.Messages] : [];
        }
    }

    /// <summary>What was published to topics of this name in any Region, oldest first.</summary>
    public IReadOnlyList<TopicMessage> MessagesByName(string name)
    {
        lock (_gate)
        {
            return [.. _topics.Where(t => t.Name == name).SelectMany(t => t.Messages).OrderBy(m => m.PublishedAt)];
        }
    }

    internal SnsTopic? Find(string arn)
    {
        lock (_gate)
        {
            return _topics.FirstOrDefault(t => t.Arn == arn);
        }
    }

    internal SnsTopic? FindByName(string region, string name)
    {
        lock (_gate)
        {
            return _topics.FirstOrDefault(t => t.Region == region && t.Name == name);
        }
    }

    internal void Add(SnsTopic topic)
    {
        lock (_gate)
        {
            _topics.Add(topic);
        }
    }

    internal void Clear()
    {
        lock (_gate)
        {
            _topics.Clear();
        }
    }

    internal void Publish(SnsTopic topic, TopicMessage message)
    {
        lock (_gate)
        {
            topic.Messages.Add(message);
        }
    }
}

/// <summary>One standard topic. <see cref="Attributes"/> are those given at creation (CreateTopic compares them).</summary>
internal sealed class SnsTopic(string arn, string region, string name, IReadOnlyDictionary<string, string> attributes, DateTimeOffset createdAt)
{
    public string Arn { get; } = arn;
    public string Region { get; } = region;
    public string Name { get; } = name;
    public IReadOnlyDictionary<string, string> Attributes { get; } = attributes;
    public DateTimeOffset CreatedAt { get; } = createdAt;
    public List<TopicMessage> Messages { get; } = [];
}

/// <summary>A message published to a topic, as its subscribers would get it.</summary>
public sealed record TopicMessage(
    string MessageId,
    string TopicArn,
    string? Subject,
    string Message,
    string? MessageStructure,
    IReadOnlyDictionary<string, string> MessageAttributes,
    DateTimeOffset PublishedAt);
