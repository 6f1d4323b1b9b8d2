/*
 * A small rich-text editor for textareas marked `data-rich-text`: bold,
 * italic, lists, a sub-heading and links, so that people can write their
 * story without typing HTML. Without JavaScript the textarea stays as it is
 * and holds plain text (people/rich_text.py); the editor reads the formatted
 * version from `data-rich-html` and marks what it sends back as HTML.
 *
 * The server sanitises whatever arrives (safety.sanitize); this file only
 * keeps the editor itself safe: existing text is parsed with DOMParser (an
 * inert document: nothing in it runs or loads) and only allowed elements
 * are copied into the page; pasted content arrives as plain text.
 */
(function () {
  "use strict";

  var ALLOWED = {
    P: [], BR: [], STRONG: [], B: [], EM: [], I: [], UL: [], OL: [], LI: [],
    H3: [], BLOCKQUOTE: [], A: ["href"]
  };
  var SAFE_URL = /^(https?:|mailto:)/i;
  // Browsers write <b>/<i>; the stored text uses the semantic elements.
  var RENAME = { B: "STRONG", I: "EM" };

  function copyAllowed(source, target) {
    Array.prototype.forEach.call(source.childNodes, function (node) {
      if (node.nodeType === Node.TEXT_NODE) {
        target.appendChild(document.createTextNode(node.nodeValue));
        return;
      }
      if (node.nodeType !== Node.ELEMENT_NODE) {
        return;
      }
      var attributes = ALLOWED[node.tagName];
      if (!attributes) {
        // Unknown wrappers keep their text; dangerous elements keep nothing.
        if (!/^(SCRIPT|STYLE|IFRAME|OBJECT|TEMPLATE|SVG|MATH)$/i.test(node.tagName)) {
          copyAllowed(node, target);
        }
        return;
      }
      var copy = document.createElement(RENAME[node.tagName] || node.tagName);
      attributes.forEach(function (name) {
        var value = node.getAttribute(name);
        if (value && (name !== "href" || SAFE_URL.test(value.trim()))) {
          copy.setAttribute(name, value.trim());
        }
      });
      copyAllowed(node, copy);
      target.appendChild(copy);
    });
  }

  function label(textarea, name, fallback) {
    return textarea.getAttribute("data-label-" + name) || fallback;
  }

  function enhance(textarea) {
    var wrapper = document.createElement("div");
    wrapper.className = "rte";

    var toolbar = document.createElement("div");
    toolbar.className = "rte__toolbar";
    toolbar.setAttribute("role", "toolbar");
    toolbar.setAttribute("aria-label", label(textarea, "toolbar", "Formatting"));
    toolbar.setAttribute("aria-controls", textarea.id + "-editor");

    var editor = document.createElement("div");
    editor.id = textarea.id + "-editor";
    editor.className = "rte__editor";
    editor.contentEditable = "true";
    editor.setAttribute("role", "textbox");
    editor.setAttribute("aria-multiline", "true");
    var fieldLabel = document.querySelector('label[for="' + textarea.id + '"]');
    if (fieldLabel) {
      fieldLabel.id = fieldLabel.id || textarea.id + "-label";
      editor.setAttribute("aria-labelledby", fieldLabel.id);
      fieldLabel.addEventListener("click", function () { editor.focus(); });
    }
    var describedBy = textarea.getAttribute("aria-describedby");
    if (describedBy) {
      editor.setAttribute("aria-describedby", describedBy);
    }
    if (textarea.getAttribute("aria-invalid")) {
      editor.setAttribute("aria-invalid", textarea.getAttribute("aria-invalid"));
    }

    var source = textarea.getAttribute("data-rich-html");
    var parsed = new DOMParser().parseFromString(source === null ? textarea.value : source, "text/html");
    var format = textarea.parentNode.querySelector('input[name="' + textarea.name + '__format"]');
    if (format) {
      format.value = "html";
    }
    copyAllowed(parsed.body, editor);
    if (!editor.firstChild) {
      editor.appendChild(document.createElement("p")).appendChild(document.createElement("br"));
    }

    function sync() {
      var clean = document.createElement("div");
      copyAllowed(editor, clean);
      textarea.value = clean.innerHTML.replace(/<p>(<br>)?<\/p>/g, "");
    }

    function run(command, argument) {
      editor.focus();
      document.execCommand(command, false, argument);
      sync();
    }

    var buttons = [
      ["bold", "Bold", function () { run("bold"); }],
      ["italic", "Italic", function () { run("italic"); }],
      ["heading", "Sub-heading", function () { run("formatBlock", "h3"); }],
      ["bullets", "Bulleted list", function () { run("insertUnorderedList"); }],
      ["numbers", "Numbered list", function () { run("insertOrderedList"); }],
      ["link", "Link", function () {
        var url = window.prompt(label(textarea, "link-prompt", "Web address (https://…)"), "https://");
        if (url && SAFE_URL.test(url.trim())) {
          run("createLink", url.trim());
        }
      }],
      ["unlink", "Remove link", function () { run("unlink"); }]
    ];
    buttons.forEach(function (spec) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "rte__button rte__button--" + spec[0];
      button.textContent = label(textarea, spec[0], spec[1]);
      button.addEventListener("mousedown", function (event) { event.preventDefault(); });
      button.addEventListener("click", spec[2]);
      toolbar.appendChild(button);
    });

    // Arrow keys move between toolbar buttons (one tab stop for the toolbar).
    var items = toolbar.querySelectorAll("button");
    Array.prototype.forEach.call(items, function (button, index) {
      button.tabIndex = index === 0 ? 0 : -1;
      button.addEventListener("keydown", function (event) {
        var step = { ArrowRight: 1, ArrowLeft: -1 }[event.key];
        if (!step) {
          return;
        }
        event.preventDefault();
        var next = items[(index + step + items.length) % items.length];
        button.tabIndex = -1;
        next.tabIndex = 0;
        next.focus();
      });
    });

    editor.addEventListener("input", sync);
    editor.addEventListener("paste", function (event) {
      event.preventDefault();
      var text = (event.clipboardData || window.clipboardData).getData("text/plain");
      document.execCommand("insertText", false, text);
      sync();
    });
    if (textarea.form) {
      textarea.form.addEventListener("submit", sync);
    }

    textarea.hidden = true;
    textarea.setAttribute("aria-hidden", "true");
    textarea.tabIndex = -1;
    wrapper.appendChild(toolbar);
    wrapper.appendChild(editor);
    textarea.parentNode.insertBefore(wrapper, textarea);
    sync();
  }

  function start() {
    Array.prototype.forEach.call(document.querySelectorAll("textarea[data-rich-text]"), enhance);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
