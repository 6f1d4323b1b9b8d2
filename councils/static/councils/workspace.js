// Live updates for the council workspace. The page works without this file:
// history is rendered on the server and the composer is an ordinary form.
// Configuration comes from data- attributes on #council-room (no inline script).

const ALLOWED_TAGS = new Set(["A", "B", "STRONG", "I", "EM", "U", "S", "CODE", "BR", "P", "SPAN", "UL", "OL", "LI", "BLOCKQUOTE"]);
const MAX_BACKOFF_MS = 30000;
// The server closes with this code when it cannot serve the socket right now
// (its Redis or database is unreachable), after an "unavailable" event that
// says how many seconds to wait (retry_after).
const CLOSE_UNAVAILABLE = 4503;
// A connection that stays open this long was a real one: the backoff starts
// again from the beginning after it.
const HEALTHY_AFTER_MS = 5000;

// How long to wait before reconnecting attempt number `attempt` (0, 1, ...):
// never sooner than the server asked, plus exponential backoff with full
// jitter, so that members who lost the connection together do not all come
// back at the same moment. `random` is a number in [0, 1).
export function reconnectDelay(attempt, retryAfterSeconds = 0, random = Math.random()) {
  const ceiling = Math.min(MAX_BACKOFF_MS, 1000 * 2 ** attempt);
  return Math.max(0, retryAfterSeconds) * 1000 + random * ceiling;
}

// Messages are plain text, shown with textContent. Only messages saved before
// that (body_format "html") carry HTML, which the server sanitised; this is a
// second, structural line of defence for them: parse without executing, keep
// only simple inline markup, drop every attribute except safe links.
function safeFragment(html) {
  const parsed = new DOMParser().parseFromString(`<div>${html}</div>`, "text/html");
  const fragment = document.createDocumentFragment();
  const copy = (source, target) => {
    for (const node of source.childNodes) {
      if (node.nodeType === Node.TEXT_NODE) {
        target.appendChild(document.createTextNode(node.textContent));
      } else if (node.nodeType === Node.ELEMENT_NODE) {
        if (!ALLOWED_TAGS.has(node.tagName)) {
          if (!["SCRIPT", "STYLE", "IFRAME", "OBJECT", "SVG", "TEMPLATE"].includes(node.tagName)) copy(node, target);
          continue;
        }
        const element = document.createElement(node.tagName.toLowerCase());
        if (node.tagName === "A") {
          const href = node.getAttribute("href") || "";
          if (/^(https?:|mailto:|\/|#)/i.test(href.trim())) {
            element.setAttribute("href", href);
            element.setAttribute("rel", "nofollow noopener noreferrer");
          }
        }
        copy(node, element);
        target.appendChild(element);
      }
    }
  };
  copy(parsed.body.firstChild, fragment);
  return fragment;
}

function uuid() {
  if (crypto.randomUUID) return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6] & 0x0f) | 0x40;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = [...bytes].map((b) => b.toString(16).padStart(2, "0")).join("");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

class CouncilWorkspace {
  constructor(root) {
    this.root = root;
    this.text = root.dataset;
    this.room = Number(root.dataset.room);
    this.lastSeq = Number(root.dataset.lastSeq || 0);
    this.member = Number(root.dataset.member);
    // The reader's own choice of topics to collapse, rendered into the page:
    // collapsing is decided here, per reader, never by the server per event.
    this.hiddenTopics = new Set((root.dataset.hiddenTopics || "").split(/\s+/).filter(Boolean).map(Number));
    this.history = document.getElementById("council-history");
    this.status = document.getElementById("council-status");
    this.announcer = document.getElementById("council-announcer");
    this.composer = document.getElementById("council-composer");
    this.attempt = 0;
    this.retryAfter = 0;
    this.healthy = null;
    this.pending = new Map();
    this.stopped = false;
    this.reconnectTimer = null;
    this.bindComposer();
    // Leaving the page ends its socket and any reconnect waiting to happen; a
    // page restored from the back/forward cache connects again.
    window.addEventListener("pagehide", () => this.stop());
    window.addEventListener("pageshow", (event) => {
      if (event.persisted && this.stopped) {
        this.stopped = false;
        this.attempt = 0;
        this.connect();
      }
    });
    this.connect();
  }

  stop() {
    this.stopped = true;
    clearTimeout(this.healthy);
    clearTimeout(this.reconnectTimer);
    if (this.socket && this.socket.readyState <= WebSocket.OPEN) this.socket.close(1000);
  }

  url() {
    const scheme = location.protocol === "https:" ? "wss:" : "ws:";
    const query = new URLSearchParams({ room: String(this.room), last_seen_seq: String(this.lastSeq) });
    return `${scheme}//${location.host}${this.root.dataset.socketPath}?${query}`;
  }

  connect() {
    if (this.stopped) return;
    this.socket = new WebSocket(this.url());
    this.socket.addEventListener("open", () => {
      clearTimeout(this.healthy);
      this.healthy = setTimeout(() => {
        this.attempt = 0;
      }, HEALTHY_AFTER_MS);
      this.root.dataset.connected = "true";
      this.say(this.text.textConnected, false);
      // Anything sent while offline goes again; the client id keeps it single.
      for (const frame of this.pending.values()) this.socket.send(JSON.stringify(frame));
    });
    this.socket.addEventListener("message", (event) => {
      let payload;
      try {
        payload = JSON.parse(event.data);
      } catch {
        return;
      }
      this.handle(payload);
    });
    this.socket.addEventListener("close", (event) => {
      clearTimeout(this.healthy);
      this.root.dataset.connected = "false";
      this.root.dataset.closeCode = String(event.code);
      if (event.code === 4403 || this.stopped) {
        this.stopped = true;
        return;
      }
      const retryAfter = event.code === CLOSE_UNAVAILABLE ? this.retryAfter : 0;
      this.retryAfter = 0;
      this.reconnectLater(retryAfter);
    });
  }

  reconnectLater(retryAfter = 0) {
    const delay = reconnectDelay(this.attempt, retryAfter);
    this.attempt += 1;
    if (!retryAfter) this.say(this.text.textReconnecting, false);
    this.root.dataset.reconnectDelay = String(Math.round(delay));
    this.reconnectTimer = setTimeout(() => this.connect(), delay);
  }

  tooLong(limit, length) {
    const format = (n) => n.toLocaleString(document.documentElement.lang || undefined);
    return (this.text.textTooLong || "")
      .replace("%(limit)s", format(limit))
      .replace("%(length)s", format(length));
  }

  say(message, announce = true) {
    this.status.textContent = message;
    if (announce) this.announcer.textContent = message;
  }

  handle(payload) {
    switch (payload.type) {
      case "message.new":
      case "message.edited":
      case "message.redacted":
        // New messages, edits and removals share the room's seq, numbered
        // without a gap: anything already seen is dropped, and a jump means
        // the socket missed something, so reconnect and backfill from here.
        if (payload.room !== this.room || payload.seq <= this.lastSeq) return;
        if (payload.seq > this.lastSeq + 1) {
          this.socket.close();
          return;
        }
        this.lastSeq = payload.seq;
        this.root.dataset.lastSeq = String(payload.seq);
        if (payload.type === "message.new") this.added(payload);
        else this.changed(payload);
        break;
      case "resync":
        this.stopped = true;
        this.socket.close();
        this.say(this.text.textReload);
        break;
      case "unavailable":
        // The server will close this socket now; wait at least this long.
        this.retryAfter = Number(payload.retry_after) || 0;
        this.say(payload.message);
        break;
      case "error":
        if (payload.client_id) {
          // A message that was not saved goes back into the empty box, so
          // that nothing typed is lost.
          const frame = this.pending.get(payload.client_id);
          const textarea = this.composer?.querySelector("textarea");
          if (frame && textarea && !textarea.value.trim()) textarea.value = frame.body;
          this.pending.delete(payload.client_id);
        }
        this.say(payload.message);
        break;
      case "typing":
      case "presence":
      case "member.joined":
      case "member.left":
      case "decision.updated":
        break;
      default:
        break;
    }
  }

  added(payload) {
    this.insert(payload);
    if (payload.author_member === this.member) {
      // Our own messages come back in the order we sent them.
      const oldest = this.pending.keys().next();
      if (!oldest.done) this.pending.delete(oldest.value);
    }
    this.announcer.textContent = `${payload.author}: ${this.plain(payload)}`;
  }

  changed(payload) {
    // An edit or removal shows the message as it is now. A message that is
    // not on this page (older history) has nothing to update.
    const existing = document.getElementById(`message-${payload.id}`);
    if (!existing) return;
    const fresh = this.render(payload);
    // The item keeps its own place in the history; the event's seq is the change's.
    fresh.dataset.seq = existing.dataset.seq;
    existing.replaceWith(fresh);
  }

  plain(payload) {
    if (payload.body_format !== "html") return payload.body;
    const parsed = new DOMParser().parseFromString(payload.body, "text/html");
    return parsed.body.textContent || "";
  }

  insert(payload) {
    const empty = this.history.querySelector(".council-history__empty");
    if (empty) empty.remove();
    const existing = document.getElementById(`message-${payload.id}`);
    if (existing) existing.replaceWith(this.render(payload));
    else this.history.appendChild(this.render(payload));
  }

  render(payload) {
    const item = document.createElement("li");
    item.className = "council-message" + (payload.redacted ? " council-message--removed" : "");
    item.id = `message-${payload.id}`;
    item.dataset.seq = String(payload.seq);
    item.dataset.id = String(payload.id);
    const meta = document.createElement("p");
    meta.className = "council-message__meta";
    const author = document.createElement("strong");
    author.className = "council-message__author";
    author.textContent = payload.author;
    const time = document.createElement("time");
    time.dateTime = payload.created;
    time.textContent = new Date(payload.created).toLocaleString([], { day: "numeric", month: "short", hour: "2-digit", minute: "2-digit" });
    meta.append(author, " ", time);
    if (payload.edited && !payload.redacted) meta.append(` (${this.text.textEdited})`);
    item.appendChild(meta);
    if (payload.redacted) {
      const tombstone = document.createElement("p");
      tombstone.className = "council-message__tombstone";
      tombstone.textContent = this.text.textRemoved;
      item.appendChild(tombstone);
      return item;
    }
    const body = document.createElement("div");
    body.className = "council-message__body";
    if (payload.body_format === "html") {
      body.appendChild(safeFragment(payload.body));
    } else {
      // Exactly as typed: "<b>" is text here, never an element.
      const text = document.createElement("span");
      text.className = "council-text";
      text.textContent = payload.body;
      body.appendChild(text);
    }
    if (payload.warning_topics.length) {
      const labels = `${payload.warning_labels.join(", ")}.`;
      if (payload.warning_topics.some((id) => this.hiddenTopics.has(id))) {
        const details = document.createElement("details");
        details.className = "content-warning";
        const summary = document.createElement("summary");
        summary.textContent = `${this.text.textWarning} ${labels}`;
        details.append(summary, body);
        item.appendChild(details);
      } else {
        const note = document.createElement("p");
        note.className = "content-warning__note";
        note.textContent = `${this.text.textNote} ${labels}`;
        item.append(note, body);
      }
    } else {
      item.appendChild(body);
    }
    item.appendChild(this.actions(payload));
    return item;
  }

  actions(payload) {
    // The same actions the server draws beside its history; the server checks
    // each of them again when it is used.
    const mine = payload.author_member === this.member;
    const facilitator = this.root.dataset.facilitator === "true";
    const path = `${this.root.dataset.messagesPath}${payload.id}/`;
    const actions = document.createElement("div");
    actions.className = "council-message__actions";
    const link = (href, label) => {
      const anchor = document.createElement("a");
      anchor.href = href;
      anchor.textContent = label;
      actions.append(anchor, " ");
    };
    if (mine) link(`${path}edit/`, this.text.textEdit);
    const token = document.querySelector("input[name='csrfmiddlewaretoken']");
    if ((mine || facilitator) && token) {
      const form = document.createElement("form");
      form.method = "post";
      form.action = `${path}remove/`;
      form.className = "inline-form";
      const csrf = document.createElement("input");
      csrf.type = "hidden";
      csrf.name = "csrfmiddlewaretoken";
      csrf.value = token.value;
      const button = document.createElement("button");
      button.type = "submit";
      button.className = "link-button";
      button.textContent = this.text.textRemove;
      form.append(csrf, button);
      form.addEventListener("submit", (event) => {
        if (!this.socket || this.socket.readyState !== WebSocket.OPEN) return; // the form posts
        event.preventDefault();
        this.socket.send(JSON.stringify({ type: "message.redact", message: payload.id }));
      });
      actions.append(form, " ");
    }
    if (!mine) link(`${path}report/`, this.text.textReport);
    if (facilitator && payload.edited) link(`${path}history/`, this.text.textEarlier);
    return actions;
  }

  bindComposer() {
    if (!this.composer) return;
    const textarea = this.composer.querySelector("textarea");
    const warnings = () => [...this.composer.querySelectorAll("input[name='content_warnings']")];
    textarea?.addEventListener("keydown", (event) => {
      if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
        event.preventDefault();
        this.composer.requestSubmit();
      }
    });
    this.composer.addEventListener("submit", (event) => {
      if (!this.socket || this.socket.readyState !== WebSocket.OPEN) return; // the form posts
      event.preventDefault();
      const body = textarea.value.trim();
      if (!body) {
        textarea.focus();
        return;
      }
      // Said before sending, and the text stays in the box to be shortened.
      const limit = Number(textarea.dataset.maxChars || 0);
      const length = [...body].length; // characters, as the server counts them
      if (limit && length > limit) {
        this.say(this.tooLong(limit, length));
        textarea.focus();
        return;
      }
      const frame = { type: "message.send", room: this.room, body, client_id: uuid() };
      const chosen = warnings().filter((box) => box.checked).map((box) => Number(box.value));
      if (chosen.length) frame.content_warnings = chosen;
      this.pending.set(frame.client_id, frame);
      this.socket.send(JSON.stringify(frame));
      textarea.value = "";
      for (const box of warnings()) box.checked = false;
      textarea.focus();
    });
  }
}

const root = document.getElementById("council-room");
if (root && root.dataset.live === "true") {
  window.councilWorkspace = new CouncilWorkspace(root);
}
