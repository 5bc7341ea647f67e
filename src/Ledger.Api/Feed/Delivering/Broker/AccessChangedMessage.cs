using Wolverine.Attributes;

namespace Ledger.Api.Feed.Delivering.Broker;

/// <summary>
/// One <c>ledger.access.changed.v1</c> CloudEvent on a broker. On the wire the body is exactly the feed's structured
/// JSON (<see cref="CloudEventMessageSerializer"/>), so a consumer needs no Wolverine to read it;
/// <see cref="Position"/> and <see cref="Index"/> are its <c>sequence</c> and <c>sequenceindex</c>.
/// </summary>
[MessageIdentity(MessageType)]
public sealed record AccessChangedMessage(long Position, int Index, string CloudEvent)
{
    public const string MessageType = "ledger.access.changed.v1";
}
