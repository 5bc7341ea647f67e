using System.Text.Json.Nodes;
using Ledger.Api.Feed.Envelopes;
using Ledger.Api.Feed.Delivering.Broker;

namespace Ledger.Api.Feed.Describing;

/// <summary>
/// The AsyncAPI 3.0 description of everything the ledger sends downstream: the pull feed, the SSE stream, the broker
/// channels and the webhook deliveries, with one set of message schemas for all of them (every channel carries the
/// same CloudEvents). The prose here is the consumer's contract; a test checks the document against the official
/// AsyncAPI 3.0.0 JSON Schema and real envelopes against the payload schemas.
/// </summary>
internal static class AsyncApiDocument
{
    public const string Version = "1.0.0";

    private const string Contract =
        """
        Every ledger event is offered downstream as a CloudEvents 1.0 structured JSON event, followed by one
        `ledger.access.changed.v1` event per access-matrix cell the event changed. All channels carry the same events,
        byte for byte.

        Order and cursor. `sequence` is the ledger position as a 19-digit zero-padded decimal string (the CloudEvents
        sequence extension requires lexicographic order; it parses as a number). `sequenceindex` orders the events of
        one position: 0 is the ledger event, 1..n its access changes. Events are delivered in (sequence, sequenceindex)
        order. A position is only delivered once every lower position is committed or known dead, so a consumer that
        keeps the last position it handled never misses one. Positions have gaps (burnt sequence numbers); a gap is
        never filled later.

        Delivery is at least once on every channel. Drop duplicates by `id` (unique per source) or by
        (sequence, sequenceindex). The SSE stream sends a position whole, as one SSE event whose `id:` is the position;
        resuming with `Last-Event-ID` yields every later position exactly once. Webhook deliveries repeat the same
        `webhook-id` when sent again.

        Time. `time` is the effective time: of the fact for a ledger event (its recording time for registrations and
        corrections), and for an access change the first instant at which the cell's state, as now known, differs from
        what was known before (`changedFrom`). It may be in the future: a gateway schedules the switch for then. It
        may be in the past: a backdated fact. `recordedtime` is when the ledger appended the fact.

        What "access changed" means. A cell (model, organisation or `*`, person class) has a timeline: its legal and
        provider state, and so its access, as a function of effective time. A fact changes the cell when the timeline
        as known after the fact differs anywhere from the timeline known before it; then one event carries the state
        just before and just after `changedFrom` (with the basis of each) and `schedule`, the cell's whole timeline
        from `changedFrom` on. A consumer keeps, per cell, the timeline up to `changedFrom` and replaces the rest by
        `schedule`; the cell's state at instant T is the last schedule entry whose `from` is at or before T. A cell
        changes even when only the legal or provider state changed (`accessChanged` is then false). A newly registered
        organisation is compared with the `*` row it was answered from until then; a newly registered model has no
        `before`.

        Starting and filtering. `GET /api/feed/snapshot?position=` (default the head) gives every cell's state at its
        `at` and its `schedule` from then on as known at `position`, in the words of `access.changed`; follow the feed
        with `after` set to that position and nothing is missed or applied twice. The pull feed, the stream, the
        snapshot and webhook subscriptions (`modelIds`, `organizationIds` in the body) take `modelId` and
        `organizationId` filters (repeat the parameter; at most 100 each; an unknown one is 404; `*` is the row of
        everyone not registered). Filtered, a consumer gets only the positions that changed one of its cells, each
        with its ledger event and only its cells' access changes, still in order; a filtered page's `next` may pass
        positions it did not serve, and resuming by position works as unfiltered. A consumer that follows some
        organisations also follows `*` to answer for organisations registered later.

        Confidentiality. For a confidential directive (and its amendments, easings, rescissions and corrections) the
        reference, rationale, each easing condition, document titles and URIs, and a correction's reason (and its
        value, when it replaces one of those) read "[withheld]"; document SHA-256 hashes and every effect are kept.
        """;

    public static JsonObject Build(string serviceUrl, string? rabbitMq)
    {
        var rabbitHost = rabbitMq is null ? "rabbitmq:5672" : $"{new Uri(rabbitMq).Host}:{new Uri(rabbitMq).Port}";
        return new JsonObject
        {
            ["asyncapi"] = "3.0.0",
            ["info"] = new JsonObject
            {
                ["title"] = "Directive Ledger downstream events",
                ["version"] = Version,
                ["description"] = Contract,
            },
            ["defaultContentType"] = "application/cloudevents+json",
            ["servers"] = new JsonObject
            {
                ["ledger"] = Server(new Uri(serviceUrl).Authority, new Uri(serviceUrl).Scheme, "The ledger service: pull feed, SSE stream, subscription API."),
                ["postgresql"] = Server("ledger-database:5432", "postgresql",
                    $"Wolverine's PostgreSQL transport (default): queue table wolverine_queues.wolverine_queue_{MessagingConfiguration.PostgresqlQueue}, read by a Wolverine listener."),
                ["rabbitmq"] = Server(rabbitHost, "amqp", "RabbitMQ, used instead of the PostgreSQL queue when Ledger:RabbitMq is set."),
            },
            ["channels"] = new JsonObject
            {
                ["feed"] = Channel("/api/feed", "ledger",
                    "Pull: GET /api/feed?after={position}&limit={positions}[&modelId=..][&organizationId=..] answers {after, next, count, events[]}: whole positions after the cursor (filtered: those that changed a cell of the filter, with only its changes), in order; ask again with after=next.",
                    "feedPage"),
                ["feedStream"] = Channel("/api/feed/stream", "ledger",
                    "Push: server-sent events. One SSE event per position (event: position, id: the position, data: the position's events as a CloudEvents JSON batch). Resume with Last-Event-ID (or ?after=). Filters as the pull feed (?modelId=, ?organizationId=, repeated). Idle streams get ': heartbeat' comments.",
                    "positionBatch"),
                ["accessChangesQueue"] = Channel(MessagingConfiguration.PostgresqlQueue, "postgresql",
                    "Every access change through Wolverine's durable outbox, in feed order, at least once.", "accessChanged"),
                ["accessChangesExchange"] = Channel(MessagingConfiguration.RabbitExchange, "rabbitmq",
                    $"Every access change through Wolverine's durable outbox, in feed order, at least once: fanout exchange {MessagingConfiguration.RabbitExchange}, bound to the durable queue of the same name.",
                    "accessChanged"),
                ["webhook"] = new JsonObject
                {
                    ["address"] = "{subscriberUrl}",
                    ["description"] = "POST to the URL registered with POST /api/subscriptions {url, eventTypes, secret, modelIds?, organizationIds?}, one CloudEvent per request, in feed order, signed per Standard Webhooks; retried with doubling waits, dead-lettered after the attempt limit (GET /api/subscriptions/{id}/dead-letters), replayable (POST /api/subscriptions/{id}/replay {fromPosition}).",
                    ["parameters"] = new JsonObject { ["subscriberUrl"] = new JsonObject { ["description"] = "The url of the subscription." } },
                    ["messages"] = new JsonObject
                    {
                        ["ledgerEvent"] = Ref("#/components/messages/webhookLedgerEvent"),
                        ["accessChanged"] = Ref("#/components/messages/webhookAccessChanged"),
                    },
                },
            },
            ["operations"] = new JsonObject
            {
                ["serveFeed"] = Operation("feed", "Serves the feed a page at a time.", "feedPage"),
                ["streamFeed"] = Operation("feedStream", "Streams every position as it commits (within 250 ms p99 of commit).", "positionBatch"),
                ["publishToQueue"] = Operation("accessChangesQueue", "Publishes access changes to the PostgreSQL queue.", "accessChanged"),
                ["publishToExchange"] = Operation("accessChangesExchange", "Publishes access changes to RabbitMQ.", "accessChanged"),
                ["deliverWebhook"] = new JsonObject
                {
                    ["action"] = "send",
                    ["channel"] = Ref("#/channels/webhook"),
                    ["summary"] = "Delivers subscribed events to a subscriber's URL.",
                    ["messages"] = new JsonArray(Ref("#/channels/webhook/messages/ledgerEvent"), Ref("#/channels/webhook/messages/accessChanged")),
                },
            },
            ["components"] = new JsonObject
            {
                ["messages"] = Messages(),
                ["schemas"] = Schemas(),
            },
        };
    }

    private static JsonObject Server(string host, string protocol, string description) =>
        new() { ["host"] = host, ["protocol"] = protocol, ["description"] = description };

    private static JsonObject Channel(string address, string server, string description, string message) => new()
    {
        ["address"] = address,
        ["description"] = description,
        ["servers"] = new JsonArray(Ref($"#/servers/{server}")),
        ["messages"] = new JsonObject { [message] = Ref($"#/components/messages/{message}") },
    };

    private static JsonObject Operation(string channel, string summary, string message) => new()
    {
        ["action"] = "send",
        ["channel"] = Ref($"#/channels/{channel}"),
        ["summary"] = summary,
        ["messages"] = new JsonArray(Ref($"#/channels/{channel}/messages/{message}")),
    };

    private static JsonObject Ref(string target) => new() { ["$ref"] = target };

    private static JsonObject Messages()
    {
        var webhookHeaders = new JsonObject
        {
            ["type"] = "object",
            ["required"] = new JsonArray("webhook-id", "webhook-timestamp", "webhook-signature"),
            ["properties"] = new JsonObject
            {
                ["webhook-id"] = Text("msg_{position}_{sequenceindex}; the same on every retry and replay of the event."),
                ["webhook-timestamp"] = Text("Unix seconds of this attempt."),
                ["webhook-signature"] = Text("v1,<base64 HMAC-SHA256 over '{webhook-id}.{webhook-timestamp}.{body}' keyed with the base64-decoded part of the whsec_ secret>."),
            },
        };
        return new JsonObject
        {
            ["feedPage"] = new JsonObject
            {
                ["name"] = "feedPage",
                ["contentType"] = "application/json",
                ["payload"] = new JsonObject
                {
                    ["type"] = "object",
                    ["required"] = new JsonArray("after", "next", "count", "events"),
                    ["properties"] = new JsonObject
                    {
                        ["after"] = Integer("The cursor asked with."),
                        ["next"] = Integer("The cursor to ask with next: the last position in this page, or after when it is empty."),
                        ["count"] = Integer("How many positions this page holds."),
                        ["events"] = new JsonObject { ["type"] = "array", ["items"] = Ref("#/components/schemas/cloudEvent") },
                    },
                },
            },
            ["positionBatch"] = new JsonObject
            {
                ["name"] = "positionBatch",
                ["contentType"] = "application/cloudevents-batch+json",
                ["summary"] = "The events of one position: the ledger event, then its access changes.",
                ["payload"] = new JsonObject { ["type"] = "array", ["minItems"] = 1, ["items"] = Ref("#/components/schemas/cloudEvent") },
            },
            ["accessChanged"] = new JsonObject
            {
                ["name"] = FeedEnvelopes.AccessChangedType,
                ["contentType"] = "application/cloudevents+json",
                ["payload"] = Ref("#/components/schemas/accessChangedEvent"),
            },
            ["webhookLedgerEvent"] = new JsonObject
            {
                ["name"] = "ledgerEvent",
                ["contentType"] = "application/cloudevents+json",
                ["headers"] = webhookHeaders.DeepClone(),
                ["payload"] = Ref("#/components/schemas/ledgerEvent"),
            },
            ["webhookAccessChanged"] = new JsonObject
            {
                ["name"] = FeedEnvelopes.AccessChangedType,
                ["contentType"] = "application/cloudevents+json",
                ["headers"] = webhookHeaders,
                ["payload"] = Ref("#/components/schemas/accessChangedEvent"),
            },
        };
    }

    private static JsonObject Schemas()
    {
        var state = new JsonObject
        {
            ["legal"] = Enum("restricted by a directive in force, eased by an easing, or unrestricted", "unrestricted", "restricted", "eased"),
            ["provider"] = Enum("the provider's own switch", "enabled", "suspended"),
            ["access"] = Enum("allowed when legal is not restricted and provider is enabled", "allowed", "denied"),
        };
        var cellState = new JsonObject
        {
            ["type"] = "object",
            ["required"] = new JsonArray("legal", "provider", "access", "since", "basis", "explanation"),
            ["properties"] = state.DeepClone().AsObject(),
        };
        cellState["properties"]!["since"] = new JsonObject { ["type"] = new JsonArray("string", "null"), ["format"] = "date-time", ["description"] = "Start of the unbroken stretch of this state; null when it has always been so." };
        cellState["properties"]!["basis"] = new JsonObject { ["type"] = "array", ["items"] = Ref("#/components/schemas/basisEvent") };
        cellState["properties"]!["explanation"] = Text("Why, in words a person reads.");
        var scheduled = new JsonObject
        {
            ["type"] = "object",
            ["required"] = new JsonArray("from", "legal", "provider", "access"),
            ["properties"] = state.DeepClone().AsObject(),
        };
        scheduled["properties"]!["from"] = Instant("The state holds from this instant until the next entry.");

        return new JsonObject
        {
            ["cloudEvent"] = new JsonObject
            {
                ["type"] = "object",
                ["required"] = new JsonArray("specversion", "id", "source", "type", "subject", "time", "recordedtime", "sequence", "sequenceindex", "datacontenttype", "data"),
                ["properties"] = new JsonObject
                {
                    ["specversion"] = new JsonObject { ["type"] = "string", ["const"] = "1.0" },
                    ["id"] = Text("The fact's id for a ledger event; {factId}/access/{model}/{organization}/{class} for an access change."),
                    ["source"] = Text("The ledger (configuration Ledger:Feed:Source, default /directive-ledger)."),
                    ["type"] = Text("ledger.{stored event name}, e.g. ledger.directive-issued.v2, or ledger.access.changed.v1."),
                    ["subject"] = Text("The stream id for a ledger event; access/{model}/{organization}/{class} for an access change."),
                    ["time"] = Instant("The effective time (see the document's description)."),
                    ["recordedtime"] = Instant("When the ledger appended the fact."),
                    ["sequence"] = new JsonObject { ["type"] = "string", ["pattern"] = "^[0-9]{19}$", ["description"] = "The ledger position, zero-padded." },
                    ["sequenceindex"] = new JsonObject { ["type"] = "integer", ["minimum"] = 0, ["description"] = "0 for the ledger event, 1..n for its access changes." },
                    ["datacontenttype"] = new JsonObject { ["type"] = "string", ["const"] = FeedEnvelopes.JsonContentType },
                    ["data"] = new JsonObject { ["type"] = "object" },
                },
            },
            ["ledgerEvent"] = new JsonObject
            {
                ["allOf"] = new JsonArray(Ref("#/components/schemas/cloudEvent"), new JsonObject
                {
                    ["properties"] = new JsonObject
                    {
                        ["type"] = new JsonObject { ["type"] = "string", ["pattern"] = "^ledger\\.[a-z-]+\\.v[0-9]+$" },
                        ["data"] = new JsonObject { ["type"] = "object", ["description"] = "The fact as the write API shaped it (camelCase), confidential text withheld." },
                    },
                }),
            },
            ["accessChangedEvent"] = new JsonObject
            {
                ["allOf"] = new JsonArray(Ref("#/components/schemas/cloudEvent"), new JsonObject
                {
                    ["properties"] = new JsonObject
                    {
                        ["type"] = new JsonObject { ["type"] = "string", ["const"] = FeedEnvelopes.AccessChangedType },
                        ["data"] = Ref("#/components/schemas/accessChange"),
                    },
                }),
            },
            ["accessChange"] = new JsonObject
            {
                ["type"] = "object",
                ["additionalProperties"] = false,
                ["required"] = new JsonArray("modelId", "organizationId", "personClass", "changedFrom", "accessChanged", "before", "after", "schedule", "cause"),
                ["properties"] = new JsonObject
                {
                    ["modelId"] = Text("The model."),
                    ["organizationId"] = Text("The organisation, or * for everyone not registered."),
                    ["personClass"] = Enum("EAR 772.1 person class", "us-person", "foreign-person"),
                    ["changedFrom"] = Instant("The first instant at which the cell's timeline changed; also the event's time."),
                    ["accessChanged"] = new JsonObject { ["type"] = "boolean", ["description"] = "Whether allowed/denied changed at changedFrom, not only legal or provider state." },
                    ["before"] = new JsonObject { ["oneOf"] = new JsonArray(new JsonObject { ["type"] = "null" }, Ref("#/components/schemas/cellState")), ["description"] = "The cell at changedFrom as known before; null for a model just registered." },
                    ["after"] = Ref("#/components/schemas/cellState"),
                    ["schedule"] = new JsonObject { ["type"] = "array", ["minItems"] = 1, ["items"] = Ref("#/components/schemas/scheduledState"), ["description"] = "The cell's timeline from changedFrom on, as now known." },
                    ["cause"] = Ref("#/components/schemas/basisEvent"),
                },
            },
            ["cellState"] = cellState,
            ["scheduledState"] = scheduled,
            ["basisEvent"] = new JsonObject
            {
                ["type"] = "object",
                ["required"] = new JsonArray("eventId", "position", "type"),
                ["properties"] = new JsonObject
                {
                    ["eventId"] = Text("The id the fact was written with."),
                    ["position"] = Integer("Its ledger position."),
                    ["type"] = Text("Its stored type, e.g. directive-issued.v2."),
                },
            },
        };
    }

    private static JsonObject Text(string description) => new() { ["type"] = "string", ["description"] = description };

    private static JsonObject Integer(string description) => new() { ["type"] = "integer", ["description"] = description };

    private static JsonObject Instant(string description) => new() { ["type"] = "string", ["format"] = "date-time", ["description"] = description };

    private static JsonObject Enum(string description, params string[] values) =>
        new() { ["type"] = "string", ["enum"] = new JsonArray(values.Select(v => (JsonNode?)v).ToArray()), ["description"] = description };
}
