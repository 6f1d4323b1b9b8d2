"""Load generators, run in their own process: ``python -m tests.bench.loadgen MODE ...``.

* ``http``: closed-loop keep-alive HTTP/1.1 GETs from a few connections for a fixed time.
* ``fanout``: N WebSocket members in one room; one sends at fixed rates, all record
  end-to-end latency (the send time travels in the payload; same host clock).
* ``soak``: N members take turns chatting for a long time; lost and duplicated
  deliveries are counted per member.
* ``idle``: open N authenticated WebSockets, report, hold them until told to stop.

Each prints one JSON object on stdout. Every loop is bounded in count and time.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import re
import sys
import time
import uuid
from urllib.parse import urlsplit

from tests.bench.report import percentile

# ---------------------------------------------------------------------------- HTTP


async def _read_response(reader: asyncio.StreamReader) -> int:
    status_line = await reader.readline()
    if not status_line:
        raise ConnectionError("closed")
    status = int(status_line.split()[1])
    length, chunked, close = None, False, False
    while True:
        line = await reader.readline()
        if line in (b"\r\n", b"\n", b""):
            break
        name, _, value = line.decode("latin-1").partition(":")
        name = name.strip().lower()
        value = value.strip().lower()
        if name == "content-length":
            length = int(value)
        elif name == "transfer-encoding" and "chunked" in value:
            chunked = True
        elif name == "connection" and value == "close":
            close = True
    if chunked:
        while True:
            size = int((await reader.readline()).split(b";")[0], 16)
            await reader.readexactly(size + 2)
            if size == 0:
                break
    elif length is not None:
        await reader.readexactly(length)
    else:
        await reader.read()
        close = True
    if close:
        raise _Reconnect(status)
    return status


class _Reconnect(Exception):
    def __init__(self, status: int) -> None:
        self.status = status


async def _http_worker(url, cookie, deadline, latencies, statuses, pause=0.0, interval=0.0):
    parts = urlsplit(url)
    path = parts.path + (f"?{parts.query}" if parts.query else "")
    request = (
        f"GET {path} HTTP/1.1\r\nHost: {parts.hostname}:{parts.port}\r\n"
        f"User-Agent: bench\r\nAccept: text/html\r\n"
        + (f"Cookie: {cookie}\r\n" if cookie else "")
        + "\r\n"
    ).encode()
    writer = None
    # With an interval, each request starts on a schedule (a fixed offered
    # load), whatever the latency of the one before; a late request is sent
    # at once, and the schedule does not try to catch up.
    next_start = time.perf_counter()
    try:
        while time.perf_counter() < deadline:
            if interval:
                wait = next_start - time.perf_counter()
                if wait > 0:
                    await asyncio.sleep(wait)
                next_start = max(next_start + interval, time.perf_counter())
                if time.perf_counter() >= deadline:
                    break
            if writer is None:
                reader, writer = await asyncio.open_connection(parts.hostname, parts.port)
            start = time.perf_counter()
            try:
                writer.write(request)
                status = await asyncio.wait_for(_read_response(reader), 30)
            except _Reconnect as reconnect:
                status = reconnect.status
                writer.close()
                writer = None
            except (ConnectionError, asyncio.IncompleteReadError, TimeoutError):
                status = 0
                writer.close()
                writer = None
            latencies.append(time.perf_counter() - start)
            statuses[status] = statuses.get(status, 0) + 1
            if pause:
                await asyncio.sleep(pause)
    finally:
        if writer is not None:
            writer.close()


async def http_load(url, concurrency, duration, warmup, cookie=None, pause=0.0, rate=0.0) -> dict:
    """Closed-loop GETs of ``url`` from ``concurrency`` keep-alive connections."""
    if warmup:
        await asyncio.gather(
            *(
                _http_worker(url, cookie, time.perf_counter() + warmup, [], {})
                for _ in range(concurrency)
            )
        )
    latencies: list[float] = []
    statuses: dict[int, int] = {}
    start = time.perf_counter()
    await asyncio.gather(
        *(
            _http_worker(
                url,
                cookie,
                start + duration,
                latencies,
                statuses,
                pause,
                concurrency / rate if rate else 0.0,
            )
            for _ in range(concurrency)
        )
    )
    elapsed = time.perf_counter() - start
    return {
        "elapsed": elapsed,
        "requests": len(latencies),
        "p50": percentile(latencies, 50),
        "p99": percentile(latencies, 99),
        "statuses": statuses,
    }


# ---------------------------------------------------------------------------- WebSockets


def _headers(origin: str, cookie: str | None) -> dict[str, str]:
    headers = {"Origin": origin}
    if cookie:
        headers["Cookie"] = cookie
    return headers


def _cookies(cookie: str | None, cookies_file: str | None) -> list[str | None]:
    """Member ``i`` signs in with ``cookies[i % len(cookies)]``: one cookie for every
    member, or one a line from ``cookies_file`` (distinct accounts)."""
    if cookies_file:
        with open(cookies_file, encoding="ascii") as lines:
            cookies = [line.strip() for line in lines if line.strip()]
        if cookies:
            return cookies
    return [cookie]


async def _connect(url, cookie):
    from websockets.asyncio.client import connect

    parts = urlsplit(url)
    return await connect(
        url,
        additional_headers=_headers(f"http://{parts.hostname}:{parts.port}", cookie),
        compression=None,
        ping_interval=None,
        max_queue=None,
        open_timeout=30,
    )


async def _connect_all(urls, count, cookies, concurrency=50):
    limiter = asyncio.Semaphore(concurrency)

    async def one(index):
        async with limiter:
            return await _connect(urls[index % len(urls)], cookies[index % len(cookies)])

    return await asyncio.gather(*(one(i) for i in range(count)))


def _message(protocol: str, room: str, number: int, run: str) -> str:
    stamp = f"{run}:{number}:{time.time():.6f}"
    if protocol == "council":
        return json.dumps(
            {
                "type": "message.send",
                "room": int(room),
                "body": stamp,
                "client_id": str(uuid.uuid4()),
            }
        )
    return json.dumps({"type": "bench", "body": stamp})


# The council server writes "type" first in every event.
_COUNCIL_NEW = re.compile(r'\{"type":\s*"message\.new"')


def _stamp_of(protocol: str, text: str, run: str):
    """(message number, send time) of a frame carrying this run's stamp, else None.

    Both protocols are read alike, by finding the stamp in the text without
    decoding it, so that the instrument spends the same time on each frame
    of either consumer (decoding every council frame took longer than finding
    the bare one's stamp, which counted against the council). A council frame
    counts only as a message.new event."""
    if protocol == "council" and not _COUNCIL_NEW.match(text):
        return None
    start = text.find(run + ":")
    if start < 0:
        return None
    end = start + len(run) + 1
    while end < len(text) and text[end] not in '"<':
        end += 1
    parts = text[start:end].split(":")
    if len(parts) != 3:
        return None
    return int(parts[1]), float(parts[2])


async def fanout(
    urls,
    members,
    cookies,
    protocol,
    room,
    rates,
    step,
    drain,
    fixed_rate,
    fixed,
    senders=1,
    rounds=1,
):
    """Offer ``fixed_rate`` for ``fixed`` s, then each of ``rates`` for ``step`` s.

    Messages are sent in turn by the first ``senders`` members (so a per-person rate
    limit sees ``rate / senders`` messages/s from each). The fixed phase is also cut
    into ``rounds`` consecutive rounds of equal length, each with its own p99
    (``round_p99s``), beside the p50 and p99 of the whole phase."""
    sockets = await _connect_all(urls, members, cookies)
    run = uuid.uuid4().hex[:8]
    phase_of: dict[int, int] = {}  # message number -> phase index
    round_of: dict[int, int] = {}  # message number -> round of the fixed phase
    latencies_by_round: list[list[float]] = [[] for _ in range(max(1, rounds))]
    latencies_by_phase: list[list[float]] = []
    last_by_phase: list[float] = []

    async def listen(socket):
        with contextlib.suppress(Exception):
            async for text in socket:
                now = time.time()
                stamp = _stamp_of(protocol, text, run)
                if stamp is not None and stamp[0] in phase_of:
                    phase = phase_of[stamp[0]]
                    latencies_by_phase[phase].append(now - stamp[1])
                    if stamp[0] in round_of:
                        latencies_by_round[round_of[stamp[0]]].append(now - stamp[1])
                    last_by_phase[phase] = max(last_by_phase[phase], now)

    listeners = [asyncio.create_task(listen(s)) for s in sockets]
    senders = max(1, min(senders, len(sockets)))
    number = 0
    phases = []
    try:
        await asyncio.sleep(0.5)
        # Warm every server process first (members are spread over the URLs in
        # turn, so the first len(urls) senders reach each of them): the first
        # message through a process opens its database connection and fills its
        # caches, and at 10 messages/s one slow message is 2.5% of a phase's
        # deliveries, enough to be its p99. Not measured.
        warm_up = [
            sockets[i % senders].send(_message(protocol, room, -1 - i, run))
            for i in range(2 * len(urls))
        ]
        await asyncio.gather(*warm_up)
        await asyncio.sleep(1.0)
        for index, (rate, seconds) in enumerate([(fixed_rate, fixed), *((r, step) for r in rates)]):
            latencies_by_phase.append([])
            last_by_phase.append(0.0)
            count = max(1, round(rate * seconds))
            expected = count * members
            start = time.time()
            for i in range(count):
                delay = start + i / rate - time.time()
                if delay > 0:
                    await asyncio.sleep(delay)
                phase_of[number] = index
                if index == 0:
                    round_of[number] = i * len(latencies_by_round) // count
                await sockets[number % senders].send(_message(protocol, room, number, run))
                number += 1
            deadline = time.time() + drain
            while time.time() < deadline and len(latencies_by_phase[index]) < expected:
                await asyncio.sleep(0.05)
            delivered = len(latencies_by_phase[index])
            last = last_by_phase[index] or time.time()
            phases.append(
                {
                    "rate": rate,
                    "messages": count,
                    "expected": expected,
                    "delivered": delivered,
                    "seconds": max(last - start, 1e-9),
                    "p50": percentile(latencies_by_phase[index], 50),
                    "p99": percentile(latencies_by_phase[index], 99),
                }
            )
            if index == 0:
                phases[0]["round_p99s"] = [percentile(r, 99) for r in latencies_by_round]
            if index and delivered < 0.9 * expected:
                break  # saturated: more offered load only grows the backlog
    finally:
        for listener in listeners:
            listener.cancel()
        await asyncio.gather(*(s.close() for s in sockets), return_exceptions=True)
    return {"phases": phases}


def _council_event(text: str) -> tuple[int | None, str | None]:
    """(room sequence number, error code) of a council event; None where it has none."""
    data = json.loads(text)
    if data.get("type") in ("message.new", "message.edited", "message.redacted"):
        return data.get("seq"), None
    if data.get("type") == "error":
        return None, str(data.get("code"))
    return None, None


async def soak(urls, members, cookies, protocol, room, rate, duration, drain):
    """Members take turns sending at ``rate`` messages/s for ``duration`` s; every member
    counts what it receives, so lost and duplicated deliveries can be told apart.

    A member whose socket ends comes back as the page does: it reconnects (to the same
    server, after a short pause) with ``last_seen_seq``, and the council replays what it
    missed. Lost therefore means never delivered, even after reconnecting; every early
    end and its close code is reported as well. The bare consumer has no replay, so
    what it sends while a member is away stays lost."""
    sockets = list(await _connect_all(urls, members, cookies))
    run = uuid.uuid4().hex[:8]
    seen: list[dict[int, int]] = [{} for _ in sockets]  # per member: message -> times
    last_seq: list[int | None] = [None] * members
    latencies: list[float] = []
    closed = 0
    reconnected = 0
    close_codes: dict[str, int] = {}
    errors: dict[str, int] = {}  # error frames the server sent, by code
    stopping = False

    async def listen(index):
        nonlocal closed, reconnected
        while True:
            socket = sockets[index]
            # Any way a socket ends before the soak does is counted (cancelling is not).
            with contextlib.suppress(Exception):
                async for text in socket:
                    now = time.time()
                    stamp = _stamp_of(protocol, text, run)
                    if protocol == "council":
                        seq, error = _council_event(text)
                        if seq is not None:
                            last_seq[index] = max(last_seq[index] or 0, seq)
                        if error is not None:
                            errors[error] = errors.get(error, 0) + 1
                    if stamp is not None:
                        counts = seen[index]
                        counts[stamp[0]] = counts.get(stamp[0], 0) + 1
                        latencies.append(now - stamp[1])
            if stopping:
                return
            closed += 1
            # Who closed it and why, to tell a server error from a lost connection.
            # 1006: the connection dropped without a close handshake.
            code = f"{socket.close_code} {socket.close_reason or ''}".strip()
            close_codes[code] = close_codes.get(code, 0) + 1
            url = urls[index % len(urls)]
            if protocol == "council" and last_seq[index] is not None:
                url += ("&" if "?" in url else "?") + f"last_seen_seq={last_seq[index]}"
            while not stopping:
                await asyncio.sleep(0.5)
                try:
                    sockets[index] = await _connect(url, cookies[index % len(cookies)])
                except Exception:  # noqa: BLE001, S112 - the server may be busy: try again
                    continue
                reconnected += 1
                break

    listeners = [asyncio.create_task(listen(i)) for i in range(members)]
    sent = 0
    send_errors = 0
    try:
        await asyncio.sleep(0.5)
        start = time.time()
        total = int(rate * duration)
        for number in range(total):
            delay = start + number / rate - time.time()
            if delay > 0:
                await asyncio.sleep(delay)
            try:
                await sockets[number % members].send(_message(protocol, room, number, run))
                sent += 1
            except Exception:  # noqa: BLE001 - a failed send is reported, not fatal
                send_errors += 1
        deadline = time.time() + drain
        while time.time() < deadline and sum(len(c) for c in seen) < sent * members:
            await asyncio.sleep(0.1)
    finally:
        stopping = True
        for listener in listeners:
            listener.cancel()
        await asyncio.gather(*(s.close() for s in sockets), return_exceptions=True)
    received = sum(sum(c.values()) for c in seen)
    unique = sum(len(c) for c in seen)
    # Which messages someone missed, to tell one lost message from one lost member.
    missed = sorted(n for n in range(sent) if any(n not in c for c in seen))
    return {
        "sent": sent,
        "send_errors": send_errors,
        "error_frames": errors,
        "messages_missed": missed[:20],
        "messages_missed_count": len(missed),
        "expected": sent * members,
        "received": received,
        "lost": sent * members - unique,
        "duplicated": received - unique,
        "closed_early": closed,
        "reconnected": reconnected,
        "close_codes": close_codes,
        "p50": percentile(latencies, 50),
        "p99": percentile(latencies, 99),
    }


async def idle(urls, members, cookies, hold):
    """Open ``members`` sockets, report, hold them until stdin closes or ``hold`` s pass."""
    start = time.perf_counter()
    sockets = await _connect_all(urls, members, cookies)
    opened = sum(1 for s in sockets if s.state.name == "OPEN")
    sys.stdout.write(json.dumps({"opened": opened, "seconds": time.perf_counter() - start}) + "\n")
    sys.stdout.flush()
    loop = asyncio.get_running_loop()
    with contextlib.suppress(TimeoutError):
        await asyncio.wait_for(loop.run_in_executor(None, sys.stdin.readline), hold)
    await asyncio.gather(*(s.close() for s in sockets), return_exceptions=True)
    return None


def _run(coroutine):
    """Run with uvloop when it is installed (it comes with uvicorn[standard]): the client
    must cost as little CPU as possible, since it shares the cores with the server."""
    try:
        import uvloop
    except ImportError:
        return asyncio.run(coroutine)
    return uvloop.run(coroutine)


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(prog="python -m tests.bench.loadgen")
    sub = parser.add_subparsers(dest="mode", required=True)
    http = sub.add_parser("http")
    http.add_argument("url")
    http.add_argument("--concurrency", type=int, default=8)
    http.add_argument("--duration", type=float, default=3)
    http.add_argument("--warmup", type=float, default=0.5)
    http.add_argument("--cookie")
    http.add_argument("--pause", type=float, default=0.0, help="seconds between requests")
    http.add_argument(
        "--rate", type=float, default=0.0, help="requests/s offered on a schedule (0: closed loop)"
    )
    fan = sub.add_parser("fanout")
    fan.add_argument("--url", action="append", required=True)
    fan.add_argument("--members", type=int, required=True)
    fan.add_argument("--cookie")
    fan.add_argument("--cookies-file", help="one cookie a line")
    fan.add_argument("--protocol", choices=["bare", "council"], default="bare")
    fan.add_argument("--room", default="1")
    fan.add_argument("--fixed-rate", type=float, default=10)
    fan.add_argument("--fixed", type=float, default=4)
    fan.add_argument("--rounds", type=int, default=1, help="rounds of the fixed phase")
    fan.add_argument("--rates", default="20,40,80,160")
    fan.add_argument("--step", type=float, default=3)
    fan.add_argument("--drain", type=float, default=3)
    fan.add_argument("--senders", type=int, default=1, help="members who take turns sending")
    soak_parser = sub.add_parser("soak")
    soak_parser.add_argument("--url", action="append", required=True)
    soak_parser.add_argument("--members", type=int, required=True)
    soak_parser.add_argument("--cookie")
    soak_parser.add_argument("--cookies-file", help="one cookie a line")
    soak_parser.add_argument("--protocol", choices=["bare", "council"], default="bare")
    soak_parser.add_argument("--room", default="1")
    soak_parser.add_argument("--rate", type=float, default=5)
    soak_parser.add_argument("--duration", type=float, default=600)
    soak_parser.add_argument("--drain", type=float, default=10)
    idle_parser = sub.add_parser("idle")
    idle_parser.add_argument("--url", action="append", required=True)
    idle_parser.add_argument("--members", type=int, required=True)
    idle_parser.add_argument("--cookie")
    idle_parser.add_argument("--cookies-file", help="one cookie a line")
    idle_parser.add_argument("--hold", type=float, default=120)
    args = parser.parse_args(argv)
    if args.mode == "http":
        result = _run(
            http_load(
                args.url,
                args.concurrency,
                args.duration,
                args.warmup,
                args.cookie,
                args.pause,
                args.rate,
            )
        )
    elif args.mode == "fanout":
        rates = [float(r) for r in args.rates.split(",") if r]
        result = _run(
            fanout(
                args.url,
                args.members,
                _cookies(args.cookie, args.cookies_file),
                args.protocol,
                args.room,
                rates,
                args.step,
                args.drain,
                args.fixed_rate,
                args.fixed,
                args.senders,
                args.rounds,
            )
        )
    elif args.mode == "soak":
        result = _run(
            soak(
                args.url,
                args.members,
                _cookies(args.cookie, args.cookies_file),
                args.protocol,
                args.room,
                args.rate,
                args.duration,
                args.drain,
            )
        )
    else:
        cookies = _cookies(args.cookie, args.cookies_file)
        result = _run(idle(args.url, args.members, cookies, args.hold))
    if result is not None:
        sys.stdout.write(json.dumps(result) + "\n")


if __name__ == "__main__":
    main()
