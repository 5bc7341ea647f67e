using System.Text;
using System.Text.Json;
using Wolverine;
using Wolverine.Runtime.Serialization;

namespace Ledger.Api.Feed.Delivering.Broker;

/// <summary>Writes an <see cref="AccessChangedMessage"/> as its CloudEvent JSON, byte for byte, and reads it back.</summary>
public sealed class CloudEventMessageSerializer : IMessageSerializer
{
    public const string CloudEventsJson = "application/cloudevents+json";

    public string ContentType => CloudEventsJson;

    public byte[] Write(Envelope envelope) => WriteMessage(envelope.Message!);

    public object ReadFromData(Type messageType, Envelope envelope) => ReadFromData(envelope.Data!);

    public object ReadFromData(byte[] data)
    {
        var json = Encoding.UTF8.GetString(data);
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        return new AccessChangedMessage(long.Parse(root.GetProperty("sequence").GetString()!, System.Globalization.CultureInfo.InvariantCulture),
            root.GetProperty("sequenceindex").GetInt32(), json);
    }

    public byte[] WriteMessage(object message) => Encoding.UTF8.GetBytes(((AccessChangedMessage)message).CloudEvent);
}
