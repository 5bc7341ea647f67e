namespace Ledger.Api.Http;

/// <summary>
/// A query parameter an endpoint reads, as the OpenAPI document declares it: its name, its type (and so its format)
/// and what it means. Endpoints that read the query string themselves name each parameter they read this way, and
/// those Wolverine binds from method parameters get their description here; the point-in-time parameters of every
/// read come from <see cref="ReadQuery.Parameters"/>. A test reads every endpoint and fails on a parameter it reads
/// that the document does not declare.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = true)]
public sealed class QueryParameterAttribute<T>(string name, string description) : Attribute, IQueryParameter
{
    public string Name => name;

    public Type Type => typeof(T);

    public string Description => description;

    /// <summary>A request without it is refused.</summary>
    public bool Required { get; init; }
}

/// <summary>A declared query parameter, whatever its type.</summary>
public interface IQueryParameter
{
    string Name { get; }

    Type Type { get; }

    string Description { get; }

    bool Required { get; }
}
