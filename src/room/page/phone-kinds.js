// The phone page's consent rounds and polls (loaded before phone.js, which calls these).
// Every text from the session is shown with textContent, never as markup; what a phone
// sends goes through phone.js's outbox (kept until the laptop saved it).
"use strict";

window.samenspelKinds = (function () {
  const T = {
    nl: {
      proposal: "Het voorstel", decided: "Besluit genomen ✓", round: "Ronde",
      yourPosition: "Jouw standpunt", forParty: (p) => "Namens " + p,
      noParty: "In deze ronde geven partijen hun standpunt; je koos bij het aanmelden geen partij.",
      notYet: "Standpunten worden gegeven in de bezwaar- en instemmingsronde. Luister en vraag mee.",
      reason: "Toelichting (nodig bij een zorg of bezwaar)", give: "Geven", clear: "Wissen",
      current: (s) => "Nu: " + s, none: "Nog geen standpunt van jou.",
      open: (n) => n === 1 ? "1 bezwaar staat open" : n + " bezwaren staan open",
      needReason: "Schrijf eerst de toelichting.",
      anonymous: "Anoniem: alleen de aantallen worden bewaard.",
      hidden: "Antwoorden verborgen tot de begeleider ze toont.", answers: (n) => n === 1 ? "1 antwoord" : n + " antwoorden",
      mine: (a) => "Jouw antwoord: " + a, sent: "verstuurd", closed: "Getoond: deze stelling is gesloten.",
    },
    en: {
      proposal: "The proposal", decided: "Decision taken ✓", round: "Round",
      yourPosition: "Your position", forParty: (p) => "For " + p,
      noParty: "In this round parties give their position; you chose no party when joining.",
      notYet: "Positions are given in the objections and consent rounds. Listen and ask along.",
      reason: "Why (needed for a concern or an objection)", give: "Give", clear: "Clear",
      current: (s) => "Now: " + s, none: "No position of yours yet.",
      open: (n) => n === 1 ? "1 objection is open" : n + " objections are open",
      needReason: "Write the reason first.",
      anonymous: "Anonymous: only the counts are kept.",
      hidden: "Answers hidden until the facilitator shows them.", answers: (n) => n === 1 ? "1 answer" : n + " answers",
      mine: (a) => "Your answer: " + a, sent: "sent", closed: "Shown: this statement is closed.",
    },
  };

  function build(kind, c, step) {
    const parts = c.parts;
    if (kind === "consent") {
      const box = c.el("section", { "aria-labelledby": "prop-h" });
      const state = c.el("p", { class: "prompt", role: "status" });
      const form = c.el("form", {});
      const counts = c.el("p", { class: "hint" });
      c.main.append(box, state, form, counts);
      Object.assign(parts, { box, state, form, counts, formFor: null });
    } else {
      const hint = c.el("p", { class: "hint" });
      const list = c.el("ul", { class: "items" });
      c.main.append(hint, list);
      Object.assign(parts, { hint, list });
    }
  }

  function fill(kind, c, step, mine) {
    if (kind === "consent") fillConsent(c, step, mine);
    else fillPoll(c, step, mine);
  }

  function fillConsent(c, step, mine) {
    const t = T[c.lang()] || T.nl, parts = c.parts, el = c.el;
    parts.box.replaceChildren(el("h2", { id: "prop-h", text: t.proposal }),
      el("p", { class: "done", text: step.proposal || "–" }));
    const phase = (step.phases || []).find((p) => p.id === step.phase);
    parts.state.textContent = step.decided ? t.decided
      : t.round + ": " + (phase ? c.pick(phase.label) : step.phase) +
        (step.open_objections ? " · " + t.open(step.open_objections) : "");
    parts.counts.textContent = (step.stances || []).filter((s) => s.count > 0)
      .map((s) => s.count + " " + c.pick(s.label)).join(" · ");
    const busy = c.sendingOf("position").some((o) => o.body.step === step.id);
    const key = [step.phase, step.decided, mine.position_as, c.lang()].join("/");
    if (parts.formFor !== key) {
      parts.formFor = key;
      parts.form.replaceChildren();
      if (mine.position_as === "none") {
        parts.form.append(el("p", { class: "hint", text: t.noParty }));
      } else if (!step.takes_positions || step.decided) {
        parts.form.append(el("p", { class: "hint", text: t.notYet }));
      } else {
        const fs = el("fieldset", {}, el("legend", { text: t.yourPosition }));
        (step.stances || []).forEach((s, i) => {
          fs.append(el("label", { class: "choice" },
            el("input", { type: "radio", name: "stance", value: s.id, checked: i === 0 }),
            el("span", { text: c.pick(s.label) })));
        });
        const area = el("textarea", { id: "reason", maxlength: "280" });
        const give = el("button", { type: "submit", class: "primary", text: t.give });
        const clear = el("button", { type: "button", class: "secondary", text: t.clear,
          on: { click: () => c.submit({ kind: "position", step: step.id, stance: null, text: "" }) } });
        parts.form.append(fs, el("label", { for: "reason", text: t.reason }), area, give, clear,
          el("p", { class: "hint", id: "mine" }));
        parts.form.onsubmit = (e) => {
          e.preventDefault();
          const chosen = parts.form.querySelector("input[name=stance]:checked");
          const stance = (step.stances || []).find((s) => chosen && s.id === chosen.value);
          if (!stance) return;
          const text = area.value.trim();
          if (stance.needs_text && !text) { c.notice(t.needReason, true); area.focus(); return; }
          c.submit({ kind: "position", step: step.id, stance: stance.id, text: stance.needs_text ? text : "" });
        };
        Object.assign(parts, { give, clear });
      }
    }
    if (parts.give) { parts.give.disabled = busy; parts.clear.disabled = busy; }
    const own = parts.form.querySelector("#mine");
    if (own) {
      const p = mine.position;
      const s = p && (step.stances || []).find((x) => x.id === p.stance);
      own.textContent = s ? t.current(c.pick(s.label) + (p.text ? ": " + p.text : "")) : t.none;
    }
  }

  function fillPoll(c, step, mine) {
    const t = T[c.lang()] || T.nl, el = c.el;
    c.parts.hint.textContent = step.counts_only ? t.anonymous : "";
    const answered = mine.answers || {};
    const sending = c.sendingOf("answer").filter((o) => o.body.step === step.id);
    c.keepFocus(c.parts.list, () => {
      const rows = (step.statements || []).map((s) => {
        const li = el("li", {}, el("div", { class: "label", text: c.pick(s.text) }));
        if (s.revealed && s.results) {
          const total = Math.max(1, s.answered);
          for (const r of s.results) {
            const o = (step.answers || []).find((a) => a.value === r.value);
            li.append(el("div", { class: "result" },
              el("strong", { text: String(r.count) }),
              el("span", { text: o ? c.pick(o.label) : String(r.value) }),
              el("span", { text: Math.round((100 * r.count) / total) + "%" }),
              el("meter", { min: "0", max: String(total), value: String(r.count), "aria-hidden": "true" })));
          }
          li.append(el("p", { class: "hint", text: t.answers(s.answered) + " · " + t.closed }));
          return li;
        }
        const busy = sending.some((o) => o.body.statement === s.id);
        const mineNow = answered[s.id];
        const row = el("div", { class: "vote-row answers" });
        for (const o of step.answers || []) {
          const on = mineNow === o.value;
          row.append(el("button", { type: "button", class: "secondary", "data-fk": s.id + "/" + o.value,
            "aria-pressed": step.counts_only ? null : (on ? "true" : "false"), disabled: busy,
            text: (on ? "✓ " : "") + c.pick(o.label),
            on: { click: () => c.submit({ kind: "answer", step: step.id, statement: s.id, answer: o.value }) } }));
        }
        li.append(row, el("p", { class: "hint", text: t.hidden + " " + t.answers(s.answered) }));
        if (busy) li.append(c.statusBadge("sending"));
        return li;
      });
      c.parts.list.replaceChildren(...rows);
    });
  }

  return { build, fill };
})();
