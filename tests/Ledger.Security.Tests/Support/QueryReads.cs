using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Primitives;

namespace Ledger.Security.Tests.Support;

/// <summary>
/// Which query parameters each endpoint asks for, present or not: every request's query string is wrapped in one that
/// notes each name looked up, and the names are filed under the endpoint that served the request. So a parameter an
/// endpoint reads is found even when the request did not send it.
/// </summary>
public sealed class QueryReads : IStartupFilter
{
    private readonly ConcurrentDictionary<(string Method, string Route), ConcurrentDictionary<string, bool>> _asked = new();

    public IReadOnlyCollection<string> AskedBy(string method, string route) =>
        _asked.TryGetValue((method, route), out var names) ? names.Keys.ToList() : [];

    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use(async (http, following) =>
        {
            var asked = new ConcurrentDictionary<string, bool>();
            http.Request.Query = new Recording(http.Request.Query, asked);
            await following(http);
            if (http.GetEndpoint() is RouteEndpoint { RoutePattern.RawText: { } route })
            {
                var names = _asked.GetOrAdd((http.Request.Method, "/" + route.TrimStart('/')), _ => new ConcurrentDictionary<string, bool>());
                foreach (var name in asked.Keys)
                    names[name] = true;
            }
        });
        next(app);
    };

    private sealed class Recording(IQueryCollection inner, ConcurrentDictionary<string, bool> asked) : IQueryCollection
    {
        public StringValues this[string key] => Note(key, inner[key]);

        public int Count => inner.Count;

        public ICollection<string> Keys => inner.Keys;

        public bool ContainsKey(string key) => Note(key, inner.ContainsKey(key));

        public bool TryGetValue(string key, out StringValues value) => Note(key, inner.TryGetValue(key, out value));

        public IEnumerator<KeyValuePair<string, StringValues>> GetEnumerator() => inner.GetEnumerator();

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();

        private T Note<T>(string key, T answer)
        {
            asked[key] = true;
            return answer;
        }
    }
}
