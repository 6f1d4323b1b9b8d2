/*
 * The private guide, in the page.
 *
 * Turns the guide's form into steps (one fieldset at a time, Back and Next,
 * focus moved to each step's question) and answers it here, from the
 * catalogue the page carries (json_script): nothing is sent, stored or
 * remembered. No fetch, XHR or beacon, no cookies, no localStorage or
 * sessionStorage, no history entries: the answers live only in this page and
 * are gone when it closes. The "Questions for my lawyer" list gets Copy and
 * Print buttons (here only: without JavaScript they could not work).
 *
 * The rules below mirror pathways/guide/suggest.py step for step (a browser
 * test compares the two on several sets of answers): change both together.
 */
(function () {
  "use strict";

  var NOT_SURE = ":not-sure";
  var ELSEWHERE = ":elsewhere";
  var PRIORITY_WEIGHTS = [3, 2, 1];
  var PRIORITY_FIELDS = ["priority_1", "priority_2", "priority_3"];

  function readJSON(id) {
    var element = document.getElementById(id);
    return element ? JSON.parse(element.textContent) : null;
  }

  var catalogue = readJSON("guide-catalogue");
  var labels = readJSON("guide-labels");
  if (!catalogue || !labels) {
    return;
  }

  /* --- The rules (suggest.py) ------------------------------------------- */

  function chosenPlaces(answers) {
    var parents = {};
    catalogue.places.forEach(function (place) {
      parents[place.code] = place.parent;
    });
    var chain = [];
    [answers.happened, answers.lives].forEach(function (start) {
      var code = start;
      while (
        code !== null &&
        Object.prototype.hasOwnProperty.call(parents, code) &&
        chain.indexOf(code) === -1
      ) {
        chain.push(code);
        code = parents[code];
      }
    });
    return chain;
  }

  function appliesToHarm(remedy, harmKinds) {
    return (
      harmKinds.length === 0 ||
      harmKinds.some(function (kind) {
        return remedy.harm_kinds.indexOf(kind) !== -1;
      })
    );
  }

  function score(remedy, priorities) {
    var total = 0;
    for (var i = 0; i < PRIORITY_WEIGHTS.length && i < priorities.length; i += 1) {
      if (remedy.outcomes.indexOf(priorities[i]) !== -1) {
        total += PRIORITY_WEIGHTS[i];
      }
    }
    return total;
  }

  function relevantDeadlines(remedy, places) {
    var found = remedy.deadlines.filter(function (deadline) {
      return places.indexOf(deadline.jurisdiction) !== -1;
    });
    // Array.prototype.sort is stable: the editors' order stays within a place.
    return found.sort(function (a, b) {
      return places.indexOf(a.jurisdiction) - places.indexOf(b.jurisdiction);
    });
  }

  function lawyerQuestions(shown) {
    var seen = [];
    function add(question) {
      var text = question.trim();
      if (text && seen.indexOf(text) === -1) {
        seen.push(text);
      }
    }
    shown.forEach(function (suggestion) {
      suggestion.remedy.questions.forEach(add);
    });
    catalogue.general_questions.forEach(add);
    return seen;
  }

  function suggest(answers) {
    var places = chosenPlaces(answers);
    var ranked = [];
    catalogue.remedies.forEach(function (remedy, position) {
      if (!appliesToHarm(remedy, answers.harm_kinds)) {
        return;
      }
      var deadlines = relevantDeadlines(remedy, places);
      ranked.push({
        remedy: remedy,
        score: score(remedy, answers.priorities),
        matchesPlace: deadlines.length > 0,
        deadlines: deadlines,
        position: position,
      });
    });
    ranked.sort(function (a, b) {
      if (a.matchesPlace !== b.matchesPlace) {
        return a.matchesPlace ? -1 : 1;
      }
      if (a.score !== b.score) {
        return b.score - a.score;
      }
      return a.position - b.position;
    });
    var suggested = ranked;
    var elsewhere = [];
    if (places.length > 0) {
      suggested = ranked.filter(function (s) {
        return s.matchesPlace || s.remedy.deadlines.length === 0;
      });
      elsewhere = ranked.filter(function (s) {
        return !s.matchesPlace && s.remedy.deadlines.length > 0;
      });
      if (
        suggested.some(function (s) {
          return s.matchesPlace;
        })
      ) {
        elsewhere = [];
      }
    }
    return {
      places: places,
      suggested: suggested,
      elsewhere: elsewhere,
      questions: lawyerQuestions(suggested.length > 0 ? suggested : elsewhere),
    };
  }

  /* --- Reading and checking the answers (forms.py) ---------------------- */

  function checkedValues(form, name) {
    return Array.prototype.filter
      .call(form.querySelectorAll("input[name='" + name + "']"), function (input) {
        return input.checked;
      })
      .map(function (input) {
        return input.value;
      });
  }

  function fieldValue(form, name) {
    var field = form.elements.namedItem(name);
    return field ? field.value : "";
  }

  function readAnswers(form) {
    var harm = checkedValues(form, "harm");
    var happened = fieldValue(form, "happened");
    var lives = fieldValue(form, "lives");
    return {
      harm_kinds: harm.indexOf(NOT_SURE) !== -1 ? [] : harm,
      happened: happened === ELSEWHERE ? null : happened,
      lives: lives === ELSEWHERE ? null : lives,
      priorities: PRIORITY_FIELDS.map(function (name) {
        return fieldValue(form, name);
      }).filter(Boolean),
    };
  }

  // The problem with one step's answers, or "" when it is complete.
  function stepProblem(form, step) {
    var name = step.getAttribute("data-guide-step");
    if (name === "harm") {
      return checkedValues(form, "harm").length ? "" : labels.step_error_harm;
    }
    if (name === "happened" || name === "lives") {
      return fieldValue(form, name) ? "" : labels.step_error_place;
    }
    if (name === "priorities") {
      if (!fieldValue(form, "priority_1")) {
        return labels.step_error_priority;
      }
      var chosen = PRIORITY_FIELDS.map(function (field) {
        return fieldValue(form, field);
      }).filter(Boolean);
      var repeated = chosen.some(function (value, index) {
        return chosen.indexOf(value) !== index;
      });
      return repeated ? labels.step_error_repeated : "";
    }
    return "";
  }

  /* --- Showing the suggestions ------------------------------------------ */

  function template(name) {
    var element = document.querySelector("template[data-guide-template='" + name + "']");
    return element.content.firstElementChild.cloneNode(true);
  }

  function isWebAddress(address) {
    return /^https?:\/\//i.test(address || "");
  }

  function deadlineRow(deadline) {
    var row = template("deadline");
    row.setAttribute("data-guide-place", deadline.jurisdiction);
    row.querySelector("th").textContent = deadline.jurisdiction_name;
    row.querySelector("[data-guide-slot='period']").textContent =
      deadline.period || deadline.kind_label;
    var notes = row.querySelector(".guide-deadlines__notes");
    if (deadline.notes) {
      notes.textContent = deadline.notes;
    } else {
      notes.remove();
    }
    var source = row.querySelector("[data-guide-slot='source']");
    if (isWebAddress(deadline.source_url)) {
      var link = document.createElement("a");
      link.href = deadline.source_url;
      link.rel = "noreferrer";
      link.textContent = deadline.source_title;
      source.appendChild(link);
    } else {
      source.textContent = deadline.source_title;
    }
    row.querySelector("[data-guide-slot='checked']").textContent = deadline.checked_label;
    if (!deadline.stale) {
      row.querySelector("[data-guide-stale]").remove();
    }
    return row;
  }

  function remedyItem(suggestion, placesChosen) {
    var item = template("remedy");
    var remedy = suggestion.remedy;
    item.setAttribute("data-guide-remedy", String(remedy.id));
    var link = item.querySelector("h3 a");
    link.textContent = remedy.title;
    link.setAttribute("href", remedy.url);
    item.querySelector(".guide-remedy__pathway").textContent = remedy.pathway;
    var summary = item.querySelector("[data-guide-slot='summary']");
    summary.textContent = remedy.summary;
    if (remedy.language) {
      // Not translated into the reader's language yet: say which it is in.
      item.querySelector("h3").setAttribute("lang", remedy.language);
      summary.setAttribute("lang", remedy.language);
    }
    var table = item.querySelector("table");
    var note = item.querySelector(".guide-remedy__note");
    if (suggestion.deadlines.length) {
      var body = table.querySelector("tbody");
      suggestion.deadlines.forEach(function (deadline) {
        body.appendChild(deadlineRow(deadline));
      });
      note.remove();
    } else {
      table.remove();
      if (!placesChosen) {
        note.remove();
      }
    }
    return item;
  }

  function resultsSection(results) {
    var section = template("results");
    var placesChosen = results.places.length > 0;
    var fill = function (listName, suggestions) {
      var list = section.querySelector("[data-guide-list='" + listName + "']");
      suggestions.forEach(function (suggestion) {
        list.appendChild(remedyItem(suggestion, placesChosen));
      });
    };
    if (results.suggested.length) {
      fill("suggested", results.suggested);
      if (placesChosen) {
        section.querySelector("[data-guide-slot='no-place']").remove();
      }
    } else {
      section.querySelector("[data-guide-slot='suggested']").remove();
    }
    if (results.suggested.length || results.elsewhere.length) {
      section.querySelector("[data-guide-slot='none']").remove();
    }
    if (results.elsewhere.length) {
      fill("elsewhere", results.elsewhere);
    } else {
      section.querySelector("[data-guide-slot='elsewhere']").remove();
    }
    var questions = section.querySelector("[data-guide-questions]");
    results.questions.forEach(function (question) {
      var item = document.createElement("li");
      item.textContent = question;
      questions.appendChild(item);
    });
    return section;
  }

  /* --- Copy and print the questions for a lawyer ------------------------ */

  function selectContents(element) {
    var range = document.createRange();
    range.selectNodeContents(element);
    var selection = window.getSelection();
    selection.removeAllRanges();
    selection.addRange(range);
  }

  function addQuestionActions(section) {
    var list = section.querySelector("[data-guide-questions]");
    if (!list || section.querySelector("[data-guide-actions]")) {
      return;
    }
    var actions = document.createElement("p");
    actions.className = "guide-questions__actions";
    actions.setAttribute("data-guide-actions", "");
    var status = document.createElement("p");
    status.className = "guide-questions__status";
    status.setAttribute("role", "status");

    var copy = document.createElement("button");
    copy.type = "button";
    copy.className = "button button--secondary";
    copy.setAttribute("data-guide-copy", "");
    copy.textContent = labels.copy;
    copy.addEventListener("click", function () {
      var text = Array.prototype.map
        .call(list.querySelectorAll("li"), function (item, index) {
          return index + 1 + ". " + item.textContent.trim();
        })
        .join("\n");
      var failed = function () {
        selectContents(list);
        status.textContent = labels.copy_failed;
      };
      if (navigator.clipboard && navigator.clipboard.writeText) {
        navigator.clipboard.writeText(text).then(function () {
          status.textContent = labels.copied;
        }, failed);
      } else {
        failed();
      }
    });

    var print = document.createElement("button");
    print.type = "button";
    print.className = "button button--secondary";
    print.setAttribute("data-guide-print", "");
    print.textContent = labels.print;
    print.addEventListener("click", function () {
      window.print();
    });

    actions.appendChild(copy);
    actions.appendChild(document.createTextNode(" "));
    actions.appendChild(print);
    list.parentNode.appendChild(actions);
    list.parentNode.appendChild(status);
  }

  /* --- The form, in steps ----------------------------------------------- */

  function enhance(form, output, liveStatus) {
    var steps = Array.prototype.slice.call(form.querySelectorAll("[data-guide-step]"));
    var submit = form.querySelector("[data-guide-submit]");
    var current = 0;

    form.querySelectorAll("[data-guide-privacy]").forEach(function (note) {
      note.textContent = labels.privacy;
    });

    function showStep(index, moveFocus) {
      current = index;
      steps.forEach(function (step, i) {
        step.hidden = i !== index;
      });
      submit.parentNode.hidden = index !== steps.length - 1;
      if (moveFocus) {
        steps[index].querySelector("legend").focus();
      }
    }

    function setProblem(step, problem) {
      step.querySelector("[data-guide-step-error]").textContent = problem;
    }

    function navButton(label, onClick, secondary) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = secondary ? "button button--secondary" : "button";
      button.textContent = label;
      button.addEventListener("click", onClick);
      return button;
    }

    steps.forEach(function (step, index) {
      var nav = document.createElement("p");
      nav.className = "guide-step__nav";
      if (index > 0) {
        nav.appendChild(
          navButton(
            labels.back,
            function () {
              setProblem(step, "");
              showStep(index - 1, true);
            },
            true
          )
        );
      }
      if (index < steps.length - 1) {
        nav.appendChild(document.createTextNode(" "));
        nav.appendChild(
          navButton(labels.next, function () {
            var problem = stepProblem(form, step);
            setProblem(step, problem);
            if (!problem) {
              showStep(index + 1, true);
            }
          })
        );
      }
      step.appendChild(nav);
    });

    function startAgain() {
      output.replaceChildren();
      liveStatus.textContent = "";
      form.reset();
      steps.forEach(function (step) {
        setProblem(step, "");
      });
      form.hidden = false;
      showStep(0, true);
    }

    form.addEventListener("submit", function (event) {
      // Answered here: the form is never sent (one-entry.js leaves a handled event alone).
      event.preventDefault();
      for (var i = 0; i < steps.length; i += 1) {
        var problem = stepProblem(form, steps[i]);
        setProblem(steps[i], problem);
        if (problem) {
          showStep(i, true);
          return;
        }
      }
      var section = resultsSection(suggest(readAnswers(form)));
      section.querySelector("[data-guide-again]").addEventListener("click", startAgain);
      addQuestionActions(section);
      output.replaceChildren(section);
      form.hidden = true;
      liveStatus.textContent = labels.found;
      section.querySelector("#guide-results-heading").focus();
    });

    form.classList.add("guide-form--steps");
    // A form the server sent back with problems opens at the first of them.
    var withProblem = steps.findIndex(function (step) {
      return step.querySelector(".form-field--error, ul.errorlist") !== null;
    });
    showStep(withProblem === -1 ? 0 : withProblem, withProblem !== -1);
  }

  var form = document.querySelector("[data-guide-form]");
  var output = document.querySelector("[data-guide-output]");
  var liveStatus = document.querySelector("[data-guide-status]");
  if (form && output && liveStatus) {
    enhance(form, output, liveStatus);
  }
  // Suggestions the server sent (the form was posted before this script ran).
  var served = document.querySelector("[data-guide-results]");
  if (served && !form) {
    addQuestionActions(served);
  }
})();
