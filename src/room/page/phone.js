// The phone page of samenspel's room. No framework, no external request, no cookie: the
// only thing kept on the phone is this tab's device secret (sessionStorage, gone when the
// tab closes) and what it is still sending. Every text from the session is shown with
// textContent, never as markup.
"use strict";

(function () {
  const T = {
    nl: {
      other: "EN", otherName: "Switch to English",
      join: "Doe mee", codeLabel: "De code van het scherm", codeHint: "Vijf tekens, bijvoorbeeld K7RM4",
      next: "Verder", nameLabel: "Je naam", nameHint: "mag leeg blijven: dan doe je anoniem mee",
      partyLabel: "Je partij", noParty: "geen partij (anoniem)", joinButton: "Meedoen",
      joining: "Bezig met aanmelden…", joined: "Je doet mee.",
      lost: "Verbinding kwijt — opnieuw verbinden…",
      closed: "De zaal is gesloten. Zodra de begeleider haar weer opent, doet deze telefoon vanzelf weer mee.",
      removed: "De begeleider heeft deze telefoon uit de zaal gehaald.",
      stepOf: (name, i, n) => name + " " + i + "/" + n,
      lane: "Kolom", cardLabel: "Je kaart", send: "Versturen", sending: "Bezig met versturen…",
      inboxOn: "De begeleider ziet je kaart eerst en zet hem dan op het bord.",
      inboxOff: "Je kaart komt meteen op het bord.",
      myCards: "Jouw kaarten", noCards: "Nog geen kaarten van jou.",
      st: { pending: "wacht op de begeleider", accepted: "op het bord", rejected: "niet overgenomen",
            gone: "van het bord gehaald", sending: "wordt bewaard…", failed: "niet bewaard" },
      saved: "Bewaard ✓", retrying: "Nog niet bewaard — je telefoon probeert het opnieuw…",
      dotsLeft: (l, n) => "Je hebt nog " + l + " van " + n + (n === 1 ? " stip." : " stippen."),
      dotsHint: "Niemand ziet jouw stippen; de uitslag komt pas als de begeleider hem toont.",
      dotOn: (t) => "Stip op: " + t, dotOff: (t) => "Stip weg van: " + t, gone: "(weg)",
      yourDots: (n) => n === 1 ? "1 stip van jou" : n + " stippen van jou",
      results: "Uitslag", dots: (n) => n === 1 ? "1 stip" : n + " stippen", closedVote: "De stemming is gesloten.",
      statement: "Verklaring", principles: "Uitgangspunten",
      endorseSelf: "Ik onderschrijf dit", endorseParty: (p) => "Onderschrijven namens " + p,
      endorsed: "onderschreven", noPartyEndorse: "Namens een partij onderschrijven kan alleen als je bij het aanmelden een partij koos.",
      commitments: "Afspraken", noCommitments: "Nog geen afspraken.",
      propose: "Een afspraak voorstellen", what: "Wat", who: "Wie", when: "Wanneer",
      proposeButton: "Voorstellen", myProposals: "Jouw voorstellen",
      inboxCommit: "De begeleider ziet je voorstel eerst.",
      facilitator: "De begeleider vult dit in op het grote scherm. Kijk mee en praat mee.",
      by: "door", until: "voor",
      wait: "Even geduld…",
    },
    en: {
      other: "NL", otherName: "Naar het Nederlands",
      join: "Join in", codeLabel: "The code on the screen", codeHint: "Five characters, for example K7RM4",
      next: "Next", nameLabel: "Your name", nameHint: "may stay empty: then you take part anonymously",
      partyLabel: "Your party", noParty: "no party (anonymous)", joinButton: "Join",
      joining: "Joining…", joined: "You are in.",
      lost: "Connection lost — reconnecting…",
      closed: "The room is closed. As soon as the facilitator opens it again, this phone takes part again by itself.",
      removed: "The facilitator removed this phone from the room.",
      stepOf: (name, i, n) => name + " " + i + "/" + n,
      lane: "Lane", cardLabel: "Your card", send: "Send", sending: "Sending…",
      inboxOn: "The facilitator sees your card first, then puts it on the board.",
      inboxOff: "Your card goes on the board at once.",
      myCards: "Your cards", noCards: "No cards of yours yet.",
      st: { pending: "waiting for the facilitator", accepted: "on the board", rejected: "not taken over",
            gone: "taken off the board", sending: "being saved…", failed: "not saved" },
      saved: "Saved ✓", retrying: "Not saved yet — your phone tries again…",
      dotsLeft: (l, n) => "You have " + l + " of " + n + (n === 1 ? " dot" : " dots") + " left.",
      dotsHint: "Nobody sees your dots; the results come only when the facilitator shows them.",
      dotOn: (t) => "Dot on: " + t, dotOff: (t) => "Dot off: " + t, gone: "(gone)",
      yourDots: (n) => n === 1 ? "1 dot of yours" : n + " dots of yours",
      results: "Results", dots: (n) => n === 1 ? "1 dot" : n + " dots", closedVote: "The vote is closed.",
      statement: "Statement", principles: "Principles",
      endorseSelf: "I endorse this", endorseParty: (p) => "Endorse for " + p,
      endorsed: "endorsed", noPartyEndorse: "Endorsing for a party is only possible if you chose a party when joining.",
      commitments: "Commitments", noCommitments: "No commitments yet.",
      propose: "Propose a commitment", what: "What", who: "Who", when: "By when",
      proposeButton: "Propose", myProposals: "Your proposals",
      inboxCommit: "The facilitator sees your proposal first.",
      facilitator: "The facilitator fills this in on the big screen. Watch and join the conversation.",
      by: "by", until: "by",
      wait: "One moment…",
    },
  };

  const store = window.sessionStorage;
  const $ = (id) => document.getElementById(id);
  const main = $("main");
  let lang = store.getItem("samenspel.lang") || "nl";
  let token = null;
  let hello = null;
  let me = JSON.parse(store.getItem("samenspel.device") || "null");
  let view = null;
  let source = null;
  let built = null; // the step (and language) the form was built for
  let outbox = JSON.parse(store.getItem("samenspel.outbox") || "[]");
  let flushing = false;
  let screen = "start"; // code, join, live or gone
  let roomClosed = false;
  const t = () => T[lang] || T.nl;

  // --- small helpers -----------------------------------------------------------------
  function el(tag, props, ...children) {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(props || {})) {
      if (v === null || v === undefined || v === false) continue;
      if (k === "text") e.textContent = v;
      else if (k === "on") for (const [ev, f] of Object.entries(v)) e.addEventListener(ev, f);
      else if (k === "class") e.className = v;
      else e.setAttribute(k, v === true ? "" : String(v));
    }
    for (const c of children) if (c) e.append(c);
    return e;
  }
  const pick = (txt) => (txt && typeof txt === "object" ? (txt[lang] || txt.nl || "") : (txt || ""));
  function hex(bytes) {
    return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
  }
  const random = (n) => hex(crypto.getRandomValues(new Uint8Array(n)));
  function notice(text, bad) {
    const n = $("notice");
    n.classList.toggle("bad", !!bad);
    n.textContent = text;
    if (text) setTimeout(() => { if (n.textContent === text) n.textContent = ""; }, 4000);
  }
  function saveOutbox() { store.setItem("samenspel.outbox", JSON.stringify(outbox)); }
  function message(err) { return err && err.error ? (err.error[lang] || err.error.nl) : ""; }

  async function call(method, path, auth, body) {
    const headers = {};
    if (auth) headers["Authorization"] = "Bearer " + auth;
    if (body !== undefined) headers["Content-Type"] = "application/json";
    const resp = await fetch(path, {
      method, headers, body: body === undefined ? undefined : JSON.stringify(body),
      cache: "no-store", credentials: "omit", referrerPolicy: "no-referrer",
    });
    let data = null;
    try { data = await resp.json(); } catch (e) { data = null; }
    return { status: resp.status, data };
  }

  // --- language ----------------------------------------------------------------------
  function setLang(l) {
    lang = l;
    store.setItem("samenspel.lang", l);
    document.documentElement.lang = l;
    const b = $("lang");
    b.textContent = t().other;
    b.setAttribute("aria-label", t().otherName);
    b.setAttribute("lang", l === "nl" ? "en" : "nl");
    built = null;
    if (screen === "code") showCode();
    else if (screen === "join" && hello) showJoin();
    else redraw();
  }
  $("lang").addEventListener("click", () => setLang(lang === "nl" ? "en" : "nl"));

  // --- joining -----------------------------------------------------------------------
  function showCode() {
    screen = "code";
    main.replaceChildren();
    const input = el("input", { type: "text", id: "code", autocomplete: "off", autocapitalize: "characters",
      spellcheck: "false", maxlength: "12", "aria-describedby": "code-hint" });
    const form = el("form", { on: { submit: async (e) => {
      e.preventDefault();
      const r = await call("POST", "/api/code", null, { code: input.value }).catch(() => null);
      if (r && r.status === 200 && r.data && r.data.token) { token = r.data.token; startJoin(); }
      else notice(r ? message(r.data) : t().lost, true);
    } } },
      el("label", { for: "code", text: t().codeLabel }),
      el("p", { id: "code-hint", class: "hint", text: t().codeHint }),
      input,
      el("button", { type: "submit", class: "primary", text: t().next }));
    main.append(el("h1", { text: t().join }), form);
    input.focus();
  }

  async function startJoin() {
    main.replaceChildren(el("p", { text: t().wait }));
    const r = await call("GET", "/api/hello", token).catch(() => null);
    if (!r || r.status !== 200) {
      if (r && r.status === 403) { token = null; showCode(); notice(message(r.data), true); }
      else { showConn(true); setTimeout(startJoin, 2000); }
      return;
    }
    showConn(false);
    hello = r.data;
    if (!store.getItem("samenspel.lang") && hello.lang) setLang(hello.lang);
    showJoin();
  }

  function showJoin() {
    screen = "join";
    main.replaceChildren();
    $("title").textContent = hello.title || "samenspel";
    const name = el("input", { type: "text", id: "name", autocomplete: "off", maxlength: "60",
      "aria-describedby": "name-hint" });
    const party = el("select", { id: "party" }, el("option", { value: "", text: t().noParty }));
    for (const p of hello.parties || []) party.append(el("option", { value: p.id, text: pick(p.name) }));
    const button = el("button", { type: "submit", class: "primary", text: t().joinButton });
    const form = el("form", { on: { submit: (e) => {
      e.preventDefault();
      button.disabled = true;
      button.textContent = t().joining;
      // Kept before sending: a retry after a dropped connection is the same join.
      const pending = { key: "join-" + random(12), secret: random(16), name: name.value.trim() || null,
        party: party.value || null, token };
      store.setItem("samenspel.join", JSON.stringify(pending));
      sendJoin();
    } } },
      el("label", { for: "name", text: t().nameLabel }),
      el("p", { id: "name-hint", class: "hint", text: t().nameHint }),
      name,
      el("label", { for: "party", text: t().partyLabel }),
      party,
      button);
    main.append(el("h1", { text: pick(hello.scenario) || t().join }), form);
    main.focus();
  }

  async function sendJoin(delay) {
    const pending = JSON.parse(store.getItem("samenspel.join") || "null");
    if (!pending) return;
    const r = await call("POST", "/api/join", pending.token, {
      key: pending.key, secret: pending.secret, name: pending.name, party: pending.party,
    }).catch(() => null);
    if (r && r.status === 200 && r.data) {
      store.removeItem("samenspel.join");
      me = { secret: pending.secret, device: r.data.device };
      store.setItem("samenspel.device", JSON.stringify(me));
      notice(t().joined);
      live();
    } else if (!r || r.status === 503 || r.status === 429 || r.status === 0) {
      showConn(!r);
      const next = Math.min((delay || 1000) * 2, 10000);
      setTimeout(() => sendJoin(next), delay || 1000);
    } else {
      store.removeItem("samenspel.join");
      notice(message(r.data), true);
      if (r.status === 403) { token = null; showCode(); } else showJoin();
    }
  }

  // --- being in the room -------------------------------------------------------------
  function showConn(lost, text) {
    const c = $("conn");
    c.hidden = !lost;
    c.textContent = lost ? (text || t().lost) : "";
  }

  function live() {
    screen = "live";
    if (source) source.close();
    source = new EventSource("/api/events?s=" + encodeURIComponent(me.secret));
    source.addEventListener("view", (e) => {
      showConn(false);
      roomClosed = false;
      try { view = JSON.parse(e.data); } catch (err) { return; }
      redraw();
      flush();
    });
    source.addEventListener("removed", () => { source.close(); gone(t().removed); });
    source.addEventListener("closed", () => {
      source.close();
      roomClosed = true;
      showConn(true, t().closed);
      setTimeout(live, 5000);
    });
    source.addEventListener("error", () => {
      if (source.readyState === EventSource.CLOSED) probe();
      else showConn(true, roomClosed ? t().closed : t().lost);
    });
  }

  // The stream could not open: ask why (a removed or unknown phone gets 403).
  async function probe() {
    const r = await call("GET", "/api/view", me.secret).catch(() => null);
    if (r && r.status === 403) {
      const code = r.data && r.data.error && r.data.error.code;
      if (code === "removed") gone(t().removed);
      else { store.removeItem("samenspel.device"); me = null; gone(message(r.data)); }
      return;
    }
    showConn(true, roomClosed ? t().closed : t().lost);
    setTimeout(live, 2000);
  }

  function gone(text) {
    screen = "gone";
    if (source) source.close();
    showConn(false);
    main.replaceChildren(el("p", { class: "done", role: "alert", text }));
  }

  // --- sending -------------------------------------------------------------------------
  // Everything a phone sends waits in the outbox (kept in this tab) until the laptop has
  // saved it; a retry carries the same key, so it never counts twice.
  // `clears` names the drafts that go once it is saved (the text then is on the laptop).
  function submit(body, clears) {
    const item = { key: "k-" + random(12), body, clears: clears || [], state: "sending" };
    outbox.push(item);
    saveOutbox();
    redraw();
    flush();
  }

  function cleared(item) {
    for (const k of item.clears) store.removeItem(k);
    for (const input of main.querySelectorAll("[data-draft]")) {
      if (item.clears.includes(input.dataset.draft)) input.value = "";
    }
    if (parts.count) parts.count.textContent = (parts.area ? parts.area.value.length : 0) + "/280";
  }

  async function flush(delay) {
    if (flushing || !me) return;
    flushing = true;
    while (outbox.length) {
      const item = outbox[0];
      const r = await call("POST", "/api/send", me.secret, Object.assign({ key: item.key }, item.body))
        .catch(() => null);
      if (r && r.status === 200) {
        outbox.shift();
        saveOutbox();
        cleared(item);
        notice(t().saved);
        redraw();
        continue;
      }
      if (!r || r.status === 503 || r.status === 429 || r.status === 408 || r.status === 0) {
        // Not saved yet: keep it, tell the person, try again with the same key.
        item.state = "retrying";
        saveOutbox();
        notice(r && r.status === 429 ? message(r.data) : t().retrying, true);
        flushing = false;
        const next = Math.min((delay || 1000) * 2, 8000);
        setTimeout(() => flush(next), delay || 1000);
        redraw();
        return;
      }
      outbox.shift();
      saveOutbox();
      notice(message(r.data), true);
      if (r.status === 403 && r.data && r.data.error && r.data.error.code === "removed") gone(t().removed);
    }
    flushing = false;
    redraw();
  }
  window.addEventListener("online", () => flush());

  // --- drawing -------------------------------------------------------------------------
  // The form of a step is built once (so typing, focus and the screen reader's place are
  // kept); the lists are filled in again on each update.
  let parts = {};

  function redraw() {
    if (!me) return;
    if (!view) { main.replaceChildren(el("p", { text: t().wait })); return; }
    const room = view.room, step = room.step;
    $("title").textContent = room.title || "samenspel";
    const key = step.id + "/" + lang;
    if (built !== key) { build(room, step); built = key; }
    fill(room, step, view.me || {});
  }

  function build(room, step) {
    parts = {};
    main.replaceChildren(
      el("p", { class: "step", text: t().stepOf(pick(room.step_name), step.index + 1, step.count) }),
      el("h1", { text: pick(step.title) }),
      el("p", { class: "prompt", text: pick(step.prompt) }));
    if (step.kind === "board") buildBoard(step);
    else if (step.kind === "vote") buildVote();
    else if (step.kind === "agreement") buildAgreement(step);
    else if (kinds && (step.kind === "consent" || step.kind === "poll")) kinds.build(step.kind, ctx(), step);
    else main.append(el("p", { class: "done", text: t().facilitator }));
  }

  function draft(step, field) {
    const k = "samenspel.draft." + step.id + "." + field;
    return { key: k, get: () => store.getItem(k) || "", set: (v) => store.setItem(k, v) };
  }

  function buildBoard(step) {
    const form = el("form", { on: { submit: (e) => { e.preventDefault(); sendCard(step); } } });
    if (step.lanes.length > 1) {
      const fs = el("fieldset", {}, el("legend", { text: t().lane }));
      step.lanes.forEach((l, i) => {
        fs.append(el("label", { class: "choice" },
          el("input", { type: "radio", name: "lane", value: l.id, checked: i === 0 }),
          el("span", { text: pick(l.title) })));
      });
      form.append(fs);
    }
    const d = draft(step, "card");
    const area = el("textarea", { id: "card", maxlength: "280", "aria-describedby": "card-count card-hint",
      "data-draft": d.key,
      on: { input: () => { d.set(area.value); count.textContent = area.value.length + "/280"; } } });
    area.value = d.get();
    const count = el("p", { id: "card-count", class: "count", text: area.value.length + "/280" });
    const hint = el("p", { id: "card-hint", class: "hint" });
    const button = el("button", { type: "submit", class: "primary", text: t().send });
    form.append(el("label", { for: "card", text: t().cardLabel }), area, count, button, hint);
    const list = el("ul", { class: "items", "aria-labelledby": "mine-h" });
    main.append(form, el("h2", { id: "mine-h", text: t().myCards }), list);
    Object.assign(parts, { area, count, button, hint, list, draft: d });
  }

  function sendCard(step) {
    const text = parts.area.value.trim();
    if (!text) { notice(t().st.failed + ": " + (lang === "nl" ? "er staat nog niets" : "there is nothing yet"), true); return; }
    const chosen = main.querySelector("input[name=lane]:checked");
    const lane = chosen ? chosen.value : step.lanes[0].id;
    submit({ kind: "card", step: step.id, lane, text }, [parts.draft.key]);
  }

  function statusBadge(status) {
    return el("span", { class: "status " + status, text: t().st[status] || status });
  }

  function sendingOf(kind) {
    return outbox.filter((o) => o.body.kind === kind);
  }

  function fill(room, step, mine) {
    if (step.kind === "board") fillBoard(step, mine);
    else if (step.kind === "vote") fillVote(step, mine);
    else if (step.kind === "agreement") fillAgreement(step, mine);
    else if (kinds && (step.kind === "consent" || step.kind === "poll")) kinds.fill(step.kind, ctx(), step, mine);
  }

  // What phone-kinds.js draws consent rounds and polls with.
  const kinds = window.samenspelKinds || null;
  function ctx() {
    return { el, pick, submit, sendingOf, statusBadge, keepFocus, notice, main, parts, lang: () => lang };
  }

  function fillBoard(step, mine) {
    parts.hint.textContent = step.inbox ? t().inboxOn : t().inboxOff;
    // While a card is on its way, its text stays in the field and cannot be sent twice.
    const busy = sendingOf("card").some((o) => o.body.step === step.id);
    parts.area.readOnly = busy;
    parts.button.disabled = busy;
    parts.button.textContent = busy ? t().sending : t().send;
    const items = [];
    for (const o of sendingOf("card")) {
      items.push(el("li", {}, el("div", { text: o.body.text }), statusBadge("sending")));
    }
    for (const c of (mine.cards || []).slice().reverse()) {
      const lane = step.lanes.find((l) => l.id === c.lane);
      items.push(el("li", {},
        el("div", { text: c.text }),
        step.lanes.length > 1 && lane ? el("div", { class: "hint", text: pick(lane.title) }) : null,
        statusBadge(c.status)));
    }
    if (!items.length) items.push(el("li", { class: "hint", text: t().noCards }));
    parts.list.replaceChildren(...items);
  }

  function buildVote() {
    const left = el("p", { id: "dots-left", class: "prompt" });
    const hint = el("p", { class: "hint", text: t().dotsHint });
    const list = el("ul", { class: "items", "aria-describedby": "dots-left" });
    const results = el("section", { "aria-labelledby": "results-h" });
    // Once revealed, the results come first (the list below stays, closed).
    main.append(left, hint, results, list);
    Object.assign(parts, { left, list, results, hintEl: hint });
  }

  // Keeps the keyboard (and screen reader) on the same button when a list is drawn again.
  function keepFocus(container, build) {
    const active = document.activeElement;
    const fk = active && container.contains(active) ? active.dataset.fk : null;
    build();
    if (fk) { const again = container.querySelector('[data-fk="' + CSS.escape(fk) + '"]'); if (again) again.focus(); }
  }

  function fillVote(step, mine) {
    const sending = sendingOf("dot").filter((o) => o.body.step === step.id);
    const myDots = {};
    for (const d of mine.dots || []) myDots[JSON.stringify(d.target)] = d.dots;
    const left = mine.dots_left !== undefined ? mine.dots_left : step.dots;
    parts.left.textContent = step.revealed ? t().closedVote : t().dotsLeft(left, step.dots);
    keepFocus(parts.list, () => {
      const rows = (step.candidates || []).map((c) => {
        const k = JSON.stringify(c.target);
        const n = myDots[k] || 0;
        const label = c.label === null || c.label === undefined ? t().gone : c.label;
        const busy = sending.some((o) => JSON.stringify(o.body.target) === k);
        const plus = el("button", { type: "button", "data-fk": "+" + k, "aria-label": t().dotOn(label), text: "+",
          disabled: step.revealed || left <= 0 || busy,
          on: { click: () => submit({ kind: "dot", step: step.id, target: c.target, placed: true }) } });
        const minus = el("button", { type: "button", "data-fk": "-" + k, "aria-label": t().dotOff(label), text: "−",
          disabled: step.revealed || n <= 0 || busy,
          on: { click: () => submit({ kind: "dot", step: step.id, target: c.target, placed: false }) } });
        return el("li", {}, el("div", { class: "vote-row" },
          el("div", { class: "label" }, el("div", { text: label }),
            n ? el("div", { class: "mine", text: "●".repeat(Math.min(n, 20)) + " " + t().yourDots(n) }) : null,
            busy ? statusBadge("sending") : null),
          minus, plus));
      });
      parts.list.replaceChildren(...rows);
    });
    if (step.revealed && step.results) {
      const max = Math.max(1, ...step.results.map((r) => r.dots));
      parts.results.replaceChildren(el("h2", { id: "results-h", text: t().results }),
        el("ol", { class: "items" }, ...step.results.map((r) => el("li", { class: "result" },
          el("strong", { text: String(r.rank) }),
          el("span", { text: r.label === null ? t().gone : r.label }),
          el("span", { text: t().dots(r.dots) }),
          el("meter", { min: "0", max: String(max), value: String(r.dots), "aria-hidden": "true" })))));
    } else parts.results.replaceChildren();
  }

  function buildAgreement(step) {
    const items = el("div", {});
    const commitments = el("ul", { class: "items", "aria-labelledby": "com-h" });
    const mineList = el("ul", { class: "items", "aria-labelledby": "prop-h" });
    const d = { what: draft(step, "what"), who: draft(step, "who"), when: draft(step, "when") };
    const field = (id, label, max, required) => {
      const input = el("input", { type: "text", id, maxlength: String(max), required, "data-draft": d[id].key,
        on: { input: () => d[id].set(input.value) } });
      input.value = d[id].get();
      return [el("label", { for: id, text: label }), input];
    };
    const [wl, what] = field("what", t().what, 280, true);
    const [hl, who] = field("who", t().who, 60, false);
    const [nl, when] = field("when", t().when, 60, false);
    const hint = el("p", { class: "hint" });
    const button = el("button", { type: "submit", class: "primary", text: t().proposeButton });
    const form = el("form", { on: { submit: (e) => {
      e.preventDefault();
      if (!what.value.trim()) { what.focus(); return; }
      submit({ kind: "commitment", step: step.id, what: what.value.trim(), who: who.value.trim(), when: when.value.trim() },
        [d.what.key, d.who.key, d.when.key]);
    } } }, wl, what, hl, who, nl, when, button, hint);
    main.append(items,
      el("h2", { id: "com-h", text: t().commitments }), commitments,
      el("h2", { text: t().propose }), form,
      el("h2", { id: "prop-h", text: t().myProposals }), mineList);
    Object.assign(parts, { items, commitments, mineList, hint, propose: button });
  }

  function fillAgreement(step, mine) {
    const party = (hello && hello.parties) || view.room.parties || [];
    const partyName = mine.party ? pick((party.find((p) => p.id === mine.party) || {}).name) || mine.party : "";
    const endorsed = new Set(mine.endorsed || []);
    const sending = sendingOf("endorse").filter((o) => o.body.step === step.id);
    const toggle = (item, text) => {
      const on = endorsed.has(item);
      const busy = sending.some((o) => o.body.item === item);
      const label = mine.endorse_as === "party" ? t().endorseParty(partyName) : t().endorseSelf;
      return el("li", {}, el("div", { text }),
        mine.endorse_as === "none" ? el("p", { class: "hint", text: t().noPartyEndorse }) :
          el("button", { type: "button", class: "secondary endorse", "aria-pressed": on ? "true" : "false",
            "data-fk": "e-" + item, disabled: busy, text: (on ? "✓ " : "") + label,
            on: { click: () => submit({ kind: "endorse", step: step.id, item, endorsed: !on }) } }),
        busy ? statusBadge("sending") : null);
    };
    keepFocus(parts.items, () => {
      const list = [];
      if (step.statement) {
        list.push(el("h2", { text: t().statement }), el("ul", { class: "items" }, toggle("statement", pick(step.statement))));
      }
      if ((step.principles || []).length) {
        list.push(el("h2", { text: t().principles }),
          el("ul", { class: "items" }, ...step.principles.map((p) => toggle(p.id, pick(p.text)))));
      }
      parts.items.replaceChildren(...list);
    });
    const cs = (step.commitments || []).map((c) => el("li", {}, el("div", { text: c.what }),
      el("div", { class: "hint", text: [pick(c.who), c.when].filter(Boolean).join(" · ") })));
    parts.commitments.replaceChildren(...(cs.length ? cs : [el("li", { class: "hint", text: t().noCommitments })]));
    parts.hint.textContent = step.inbox ? t().inboxCommit : "";
    const proposing = sendingOf("commitment").some((o) => o.body.step === step.id);
    parts.propose.disabled = proposing;
    parts.propose.textContent = proposing ? t().sending : t().proposeButton;
    const props = [];
    for (const o of sendingOf("commitment")) props.push(el("li", {}, el("div", { text: o.body.what }), statusBadge("sending")));
    for (const c of (mine.commitments || []).slice().reverse()) {
      props.push(el("li", {}, el("div", { text: c.what }), statusBadge(c.status)));
    }
    parts.mineList.replaceChildren(...props);
  }

  // --- start -------------------------------------------------------------------------
  setLang(lang);
  const link = location.pathname.match(/^\/[jJ]\/([A-Za-z0-9]+)$/);
  if (link) {
    token = link[1].toUpperCase();
    // The token leaves the address bar (someone may look over a shoulder).
    history.replaceState(null, "", "/");
  }
  if (me) { live(); flush(); }
  else if (store.getItem("samenspel.join")) { main.replaceChildren(el("p", { text: t().joining })); sendJoin(); }
  else if (token) startJoin();
  else showCode();
})();
