/*
 * Browsing this site adds nothing to the tab's Back list.
 *
 * The quick exit replaces the tab's current entry with a neutral site, but the
 * pages read before it would still be one Back press away. So every move inside
 * the site replaces the current entry instead of adding one: the site holds at
 * most the single entry it was opened in, and the quick exit replaces that.
 *
 * - Links to this site: location.replace().
 * - GET forms: the address the browser would build, then location.replace().
 * - POST forms: sent with fetch(). fetch() cannot say where a redirect points
 *   without loading its target (which would use up the messages shown there
 *   once), so home.middleware.SameEntryRedirectMiddleware answers a redirect
 *   to such a request with 204 and the address in a header; the next page is
 *   then opened with location.replace(), as a real page load. Any other
 *   answer (a form with errors, a refusal) is shown in this entry:
 *   history.replaceState() gives the entry the answer's address, and
 *   document.open()/write() parses the answer as a new document, whose files
 *   from this site the CSP allows ('self'; nothing here is inline). A file
 *   (Content-Disposition: attachment) is saved instead.
 *
 * Left to the browser: new tabs and windows (modifier keys, middle click,
 * target), downloads, other sites, tel: and mailto:, and anything another
 * script has already handled. Without JavaScript each page adds an entry;
 * the "Browse safely" page says what to do then (docs/privacy.md).
 */
(function () {
  "use strict";

  var REQUEST_HEADER = "X-Same-Entry";
  var LOCATION_HEADER = "X-Same-Entry-Location";
  var sending = false;
  var passThrough = null; // a form handed back to the browser after a network error

  function leaving() {
    // Set by quick-exit.js: nothing may lead back into the site after that.
    return document.documentElement.classList.contains("quick-exit-active");
  }

  function replaceWith(url) {
    if (!leaving()) {
      window.location.replace(url);
    }
  }

  function parse(address) {
    try {
      return new URL(address, window.location.href);
    } catch (error) {
      return null; // not an address: the browser deals with it as it would
    }
  }

  function isOurs(url) {
    // Also false for tel:, mailto:, javascript: and data: (their origin is "null").
    return url !== null && url.origin === window.location.origin;
  }

  function busy(on) {
    if (on) {
      document.documentElement.setAttribute("aria-busy", "true");
    } else {
      document.documentElement.removeAttribute("aria-busy");
    }
  }

  function linkIn(event) {
    // composedPath() also finds links inside shadow roots.
    var path = event.composedPath ? event.composedPath() : [event.target];
    for (var i = 0; i < path.length; i += 1) {
      if (path[i] instanceof HTMLAnchorElement || path[i] instanceof HTMLAreaElement) {
        return path[i];
      }
    }
    return null;
  }

  function opensElsewhere(target) {
    return Boolean(target) && target.toLowerCase() !== "_self";
  }

  window.addEventListener("click", function (event) {
    if (event.defaultPrevented || event.button !== 0) {
      return;
    }
    if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) {
      return; // new tab, new window or download: the browser's choice
    }
    var link = linkIn(event);
    if (!link || !link.hasAttribute("href") || link.hasAttribute("download")) {
      return;
    }
    if (opensElsewhere(link.getAttribute("target"))) {
      return;
    }
    var url = parse(link.href);
    if (!isOurs(url)) {
      return;
    }
    event.preventDefault();
    replaceWith(url.href); // a #fragment of this page too: same scroll, no entry
  });

  function fromFormOrSubmitter(form, submitter, attribute, submitterAttribute) {
    if (submitter && submitter.hasAttribute(submitterAttribute)) {
      return submitter.getAttribute(submitterAttribute);
    }
    // getAttribute, not form.action: a field named "action" would shadow it.
    return form.getAttribute(attribute);
  }

  function formData(form, submitter) {
    var data = new FormData(form);
    if (submitter && submitter.name && !submitter.disabled) {
      data.append(submitter.name, submitter.value);
    }
    return data;
  }

  function urlEncoded(data) {
    var params = new URLSearchParams();
    data.forEach(function (value, name) {
      // As browsers do for a file in a form that is not multipart: its name.
      params.append(name, typeof value === "string" ? value : value.name);
    });
    return params;
  }

  window.addEventListener("submit", function (event) {
    var form = event.target;
    if (event.defaultPrevented || !(form instanceof HTMLFormElement)) {
      return;
    }
    if (form === passThrough) {
      passThrough = null;
      return;
    }
    var submitter = event.submitter || null;
    var read = function (attribute, submitterAttribute) {
      return fromFormOrSubmitter(form, submitter, attribute, submitterAttribute);
    };
    var method = (read("method", "formmethod") || "get").toLowerCase();
    var enctype = (read("enctype", "formenctype") || "").toLowerCase();
    var action = parse(read("action", "formaction") || window.location.href);
    if (opensElsewhere(read("target", "formtarget")) || !isOurs(action)) {
      return;
    }
    if (method === "get") {
      event.preventDefault();
      action.search = urlEncoded(formData(form, submitter)).toString();
      replaceWith(action.href);
    } else if (method === "post" && enctype !== "text/plain") {
      event.preventDefault();
      if (!sending) {
        post(form, submitter, action, enctype === "multipart/form-data");
      }
    }
  });

  function post(form, submitter, action, multipart) {
    var data = formData(form, submitter);
    var headers = {};
    headers[REQUEST_HEADER] = "1";
    sending = true;
    busy(true);
    window
      .fetch(action.href, {
        method: "POST",
        body: multipart ? data : urlEncoded(data),
        headers: headers,
        credentials: "same-origin",
      })
      .then(
        function (response) {
          sending = false;
          busy(false);
          if (!leaving()) {
            follow(response, action);
          }
        },
        function () {
          // No answer (offline?): let the browser send it and show its own error.
          sending = false;
          busy(false);
          if (!leaving()) {
            passThrough = form;
            if (form.requestSubmit) {
              form.requestSubmit(submitter);
            } else {
              HTMLFormElement.prototype.submit.call(form);
            }
          }
        }
      );
  }

  function follow(response, action) {
    var next = response.headers.get(LOCATION_HEADER);
    var disposition = response.headers.get("Content-Disposition") || "";
    var type = response.headers.get("Content-Type") || "";
    if (next !== null) {
      load(new URL(next, action));
    } else if (/^\s*attachment/i.test(disposition) || (type && !/^text\/html/i.test(type))) {
      response.blob().then(function (blob) {
        save(blob, disposition);
      });
    } else if (response.status !== 204) {
      response.text().then(function (html) {
        show(html, response.url);
      });
    }
  }

  function load(url) {
    // The page after a form must be loaded, even when it is this page with
    // another #fragment, which location.replace() would only scroll to.
    var here = new URL(window.location.href);
    here.hash = "";
    if (url.hash && url.href.split("#")[0] === here.href) {
      window.history.replaceState(null, "", url.href);
      window.location.reload();
    } else {
      replaceWith(url.href);
    }
  }

  function show(html, url) {
    if (leaving()) {
      return;
    }
    window.history.replaceState(null, "", url);
    // The old page is leaving, as in a real navigation: scripts that hold a
    // socket or a timer (the council workspace) stop on "pagehide". Its
    // timers and sockets would outlive document.open(), which only removes
    // listeners.
    window.dispatchEvent(new PageTransitionEvent("pagehide", { persisted: false }));
    // document.open() removes the old page's listeners; the new page's
    // scripts (this one included) load again as the answer is parsed.
    document.open();
    document.write(html);
    document.close();
    window.scrollTo(0, 0);
  }

  function save(blob, disposition) {
    var match = /filename\*?=(?:UTF-8'')?"?([^";]+)"?/i.exec(disposition);
    var name = match ? match[1] : "";
    try {
      name = decodeURIComponent(name);
    } catch (error) {
      // Not percent-encoded after all: keep it as it is.
    }
    var link = document.createElement("a");
    link.href = URL.createObjectURL(blob);
    link.download = name;
    link.hidden = true;
    document.body.appendChild(link);
    link.click();
    link.remove();
    window.setTimeout(function () {
      URL.revokeObjectURL(link.href);
    }, 60000);
  }
})();
