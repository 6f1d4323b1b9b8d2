"""What members and facilitators do in a council, as plain functions that the
socket consumer and the HTTP views both call, one module per concern:

- `errors`: CouncilActionError and NotAllowed, which every action raises.
- `posting`: posting messages, alone or in batches from the sockets.
- `messages`: editing and removing a message; the rules of a message body.
- `reports`: flagging a message for the facilitators, and resolving it.
- `presence`: typing indicators and presence (opt-in, not saved).
- `memberships`: joining, leaving, removal and a member's own settings.
- `invites`: single-use invitation links.
- `agenda`: agenda points and the meetings that take them up.
- `retention`: deleting messages older than a council's retention period.
- `councils`: founding a council.
- `rooms`: which room a member means, and each room's event counter (seq).
- `payloads`: message events as sent, with names decided now.
- `replay`: backfill and resync for a member who reconnects.

Each action loads the person's membership afresh and checks it through
`councils.permissions`, writes in one transaction, and announces the change
through `councils.publishing` once the transaction commits. Callers import
from the module of the concern (`from councils.services.invites import
create_invite`); this package re-exports nothing.
"""
