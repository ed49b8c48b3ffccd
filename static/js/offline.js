/* Flamingo offline (athletes' pages): registers the service worker (sw.js),
   and keeps what the athlete checks off without a connection on the phone
   (IndexedDB) until it can be sent: "Done as prescribed", "Log details" and
   "Undo". Each action gets an idempotency key when it is first tried, so a
   replay, however often it is sent, counts once on the server. Replays go in
   the order they were made; one the server refuses stays on the phone and is
   listed until the athlete dismisses it. */
"use strict";
(() => {
  if (!("serviceWorker" in navigator) || !window.indexedDB || !window.htmx) return;

  const ACTION = /^\/week\/entries\/(\d+)\/(done|log|undo)\/$/;
  const SAVED = "Saved on this phone: will sync";

  // -- The queue, in IndexedDB ----------------------------------------------------
  const STORE = "actions";
  let database;
  function db() {
    database ||= new Promise((resolve, reject) => {
      const opening = indexedDB.open("flamingo-offline", 1);
      opening.onupgradeneeded = () =>
        opening.result.createObjectStore(STORE, { keyPath: "seq", autoIncrement: true });
      opening.onsuccess = () => resolve(opening.result);
      opening.onerror = () => reject(opening.error);
    });
    return database;
  }
  async function store(mode, work) {
    const transaction = (await db()).transaction(STORE, mode);
    const request = work(transaction.objectStore(STORE));
    return new Promise((resolve, reject) => {
      transaction.oncomplete = () => resolve(request.result);
      transaction.onerror = () => reject(transaction.error);
    });
  }
  const queued = () => store("readonly", (s) => s.getAll());
  const keep = (action) => store("readwrite", (s) => s.put(action));
  const forget = (seq) => store("readwrite", (s) => s.delete(seq));

  // -- What the athlete sees --------------------------------------------------------
  function show(pk, text, state) {
    const card = document.getElementById(`entry-${pk}`);
    if (!card) return;
    card.classList.remove("entry-queued", "entry-synced");
    card.classList.add(`entry-${state}`);
    let status = card.querySelector(".offline-status");
    if (!status) {
      status = document.createElement("p");
      status.className = "offline-status";
      status.setAttribute("role", "status");
      (card.querySelector(".checkoff") || card).prepend(status);
    }
    status.textContent = text;
    for (const button of card.querySelectorAll(".checkoff button")) {
      button.disabled = state === "queued";
    }
  }

  async function listRefused() {
    const refused = (await queued()).filter((action) => action.refused);
    let box = document.getElementById("offline-refused");
    if (!refused.length) return box?.remove();
    if (!box) {
      box = document.createElement("div");
      box.id = "offline-refused";
      box.className = "offline-refused";
      box.setAttribute("role", "alert");
      document.getElementById("main")?.prepend(box);
    }
    box.replaceChildren();
    const title = document.createElement("p");
    title.innerHTML = "<strong>Not saved on the server</strong>";
    box.append(title);
    for (const action of refused) {
      const line = document.createElement("p");
      line.textContent = `${action.label}: ${action.refused} `;
      const dismiss = document.createElement("button");
      dismiss.type = "button";
      dismiss.className = "link-button";
      dismiss.textContent = "Dismiss";
      dismiss.addEventListener("click", () => forget(action.seq).then(listRefused));
      line.append(dismiss);
      box.append(line);
    }
  }

  // -- Keeping an action -------------------------------------------------------------
  function csrfToken() {
    try {
      return JSON.parse(document.body.getAttribute("hx-headers") || "{}")["X-CSRFToken"] || "";
    } catch {
      return "";
    }
  }

  function label(form) {
    const card = form.closest(".entry");
    const name = card?.querySelector(".entry-title")?.textContent.trim() || "Exercise";
    const day = form.closest(".session")?.querySelector(".session-title")?.textContent.trim();
    const what = { done: "Done as prescribed", log: "Logged details", undo: "Undo" };
    return `${what[ACTION.exec(new URL(form.action).pathname)[2]]}: ${name}${day ? `, ${day}` : ""}`;
  }

  async function keepOnPhone(form, key) {
    const url = new URL(form.action);
    const body = new URLSearchParams(new FormData(form)).toString();
    const pk = ACTION.exec(url.pathname)[1];
    await keep({ key, url: url.pathname, body, pk, label: label(form), at: Date.now() });
    show(pk, SAVED, "queued");
  }

  // Every action's key, made when it is first tried (online or not).
  document.addEventListener("htmx:configRequest", (event) => {
    if (!ACTION.test(new URL(event.detail.path, location.href).pathname)) return;
    const form = event.detail.elt.closest("form") || event.detail.elt;
    form.dataset.idempotencyKey ||= crypto.randomUUID();
    event.detail.headers["Idempotency-Key"] = form.dataset.idempotencyKey;
  });

  // Offline: the form never reaches htmx; it is kept on the phone instead.
  document.addEventListener("submit", (event) => {
    const form = event.target;
    if (navigator.onLine || !(form instanceof HTMLFormElement)) return;
    if (!ACTION.test(new URL(form.action).pathname)) return;
    event.preventDefault();
    event.stopPropagation();
    keepOnPhone(form, crypto.randomUUID());
  }, true);

  // Online but the request never got an answer: kept too, with the key it was
  // sent with, so if the server did get it the replay changes nothing.
  document.addEventListener("htmx:sendError", (event) => {
    const form = event.detail.elt.closest("form");
    if (form && ACTION.test(new URL(form.action).pathname)) {
      keepOnPhone(form, form.dataset.idempotencyKey || crypto.randomUUID());
    }
  });

  // After an action online, the copy of this page the service worker keeps is
  // fetched again, so a reload without a connection shows it done.
  document.addEventListener("htmx:afterRequest", (event) => {
    const path = new URL(event.detail.pathInfo?.finalRequestPath || "/", location.href).pathname;
    if (event.detail.successful && ACTION.test(path)) keepThisPageFresh();
  });

  // -- Sending what was kept -----------------------------------------------------------
  let syncing = false;
  async function sync() {
    if (syncing || !navigator.onLine) return;
    syncing = true;
    try {
      for (const action of await queued()) {
        if (action.refused) continue;
        let response;
        try {
          response = await fetch(action.url, {
            method: "POST",
            body: action.body,
            credentials: "same-origin",
            headers: {
              "Content-Type": "application/x-www-form-urlencoded",
              "X-CSRFToken": csrfToken(),
              "HX-Request": "true",
              "Idempotency-Key": action.key,
            },
          });
        } catch {
          break; // still no connection: the rest waits, in order
        }
        if (response.redirected) break; // signed out meanwhile: after signing in again
        const html = await response.text();
        const card = `#entry-${action.pk}`;
        if (response.ok && document.querySelector(card)) {
          htmx.swap(card, html, { swapStyle: "outerHTML" });
        }
        const refusal = response.headers.get("Flamingo-Refused");
        if (!response.ok || refusal) {
          const message = new DOMParser().parseFromString(html, "text/html")
            .querySelector(".checkoff-message, .form-errors")?.textContent.trim();
          action.refused = message || `The server could not take it (${response.status}).`;
          await keep(action);
        } else {
          await forget(action.seq);
          show(action.pk, "Synced", "synced");
          keepThisPageFresh();
        }
      }
    } finally {
      syncing = false;
      listRefused();
    }
  }

  // -- Pages for offline use ------------------------------------------------------------
  // The week as loaded, the exercise pages it links to, today's log forms and
  // the page's own CSS, scripts and icons (they came before the worker did):
  // the service worker fetches and keeps them.
  function keepForOffline() {
    const worker = navigator.serviceWorker.controller;
    if (!worker) return;
    const path = (url) => new URL(url, location.href).pathname;
    const links = document.querySelectorAll(".entry-technique a[href]");
    const slots = document.querySelectorAll(".log-form-slot[hx-get]");
    const files = document.querySelectorAll(
      "link[rel=stylesheet], link[rel=icon], link[rel=manifest], script[src]");
    worker.postMessage({
      pages: [location.pathname, ...[...links].map((a) => path(a.href))],
      fragments: [...slots].map((slot) => slot.getAttribute("hx-get")),
      assets: [...files].map((file) => path(file.href || file.src)),
    });
  }

  // After a write, the kept copy of this page is out of date: fetched again.
  function keepThisPageFresh() {
    navigator.serviceWorker.controller?.postMessage({ pages: [location.pathname], fresh: true });
  }

  async function start() {
    for (const action of await queued()) {
      if (!action.refused) show(action.pk, SAVED, "queued");
    }
    listRefused();
    sync();
    if (navigator.onLine && document.body.classList.contains("page-week")) {
      await navigator.serviceWorker.ready;
      if (navigator.serviceWorker.controller) {
        keepForOffline();
      } else {
        navigator.serviceWorker.addEventListener("controllerchange", () => keepForOffline(),
          { once: true });
      }
    }
  }

  window.addEventListener("online", sync);
  navigator.serviceWorker.register("/sw.js").catch(() => {}); // blocked, or not over HTTPS
  start();
})();
