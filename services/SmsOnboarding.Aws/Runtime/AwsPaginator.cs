using System.Runtime.CompilerServices;

namespace SmsOnboarding.Aws.Runtime;

/// <summary>Follows NextToken pages lazily. The request object is reused: its token member is set per page.</summary>
public static class AwsPaginator
{
    public static async IAsyncEnumerable<TItem> Paginate<TRequest, TResponse, TItem>(
        TRequest request,
        Func<TRequest, CancellationToken, Task<TResponse>> call,
        Func<TResponse, string?> nextToken,
        Action<TRequest, string?> setToken,
        Func<TResponse, IEnumerable<TItem>?> items,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(call);
        ArgumentNullException.ThrowIfNull(nextToken);
        ArgumentNullException.ThrowIfNull(setToken);
        ArgumentNullException.ThrowIfNull(items);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        while (true)
        {
            var page = await call(request, cancellationToken).ConfigureAwait(false);
            foreach (var item in items(page) ?? [])
            {
                yield return item;
            }
            var token = nextToken(page);
            if (string.IsNullOrEmpty(token))
            {
                yield break;
            }
            if (!seen.Add(token))
            {
                // A service answering the same token twice would loop forever.
                throw new InvalidOperationException($"Pagination returned the token '{token}' twice.");
            }
            setToken(request, token);
        }
    }
}
