/* Flamingo forms (every page, our own small script; the pages work without it):
   - a copy button beside a link to hand on ([data-copy] names the field
     holding it); without the script the button stays hidden and the full link
     is there to select;
   - a live count for a field with a length limit ([data-count-for] names the
     field): "Up to 120 characters." becomes "37 characters left", so the
     browser never cuts a paste unannounced. The server still says it in words
     when the script is not there. */
"use strict";
(() => {
  const DONE_AFTER_MS = 4000;
  const QUIET_MS = 800;

  function reveal(root) {
    root.querySelectorAll("[data-copy][hidden]").forEach((button) => {
      if (navigator.clipboard || document.queryCommandSupported?.("copy")) button.hidden = false;
    });
    root.querySelectorAll("[data-count-for]").forEach(count);
  }

  // -- Copy --------------------------------------------------------------------
  async function copy(button) {
    const field = document.getElementById(button.dataset.copy);
    const status = document.getElementById(button.dataset.copyStatus);
    if (!field) return;
    let copied = false;
    try {
      await navigator.clipboard.writeText(field.value);
      copied = true;
    } catch {
      field.select();  // no Clipboard API (plain http): the older way
      copied = document.execCommand("copy");
    }
    if (!status) return;
    status.textContent = copied ? "Copied" : "Could not copy: select the link and copy it.";
    clearTimeout(status.done);
    status.done = setTimeout(() => { status.textContent = ""; }, DONE_AFTER_MS);
  }
  document.addEventListener("click", (event) => {
    const button = event.target.closest("[data-copy]");
    if (button) copy(button);
  });

  // -- Counts --------------------------------------------------------------------
  function count(hint) {
    const field = document.getElementById(hint.dataset.countFor);
    if (!field || hint.dataset.counting) return;
    hint.dataset.counting = "1";
    const limit = field.maxLength;
    // Said aloud once typing pauses near the limit, not at every key.
    const spoken = document.createElement("span");
    spoken.className = "visually-hidden";
    spoken.setAttribute("aria-live", "polite");
    hint.after(spoken);
    const describedBy = (field.getAttribute("aria-describedby") || "").split(" ").filter(Boolean);
    if (!describedBy.includes(hint.id)) field.setAttribute("aria-describedby", [...describedBy, hint.id].join(" "));
    let pause;
    const update = () => {
      const left = limit - field.value.length;
      const words = `${left} character${left === 1 ? "" : "s"} left`;
      hint.textContent = `${words} (up to ${limit}).`;
      hint.classList.toggle("char-count-low", left <= limit / 10);
      clearTimeout(pause);
      pause = setTimeout(() => { spoken.textContent = left <= limit / 5 ? words : ""; }, QUIET_MS);
    };
    field.addEventListener("input", update);
    if (field.value) update();
  }

  document.addEventListener("htmx:load", (event) => reveal(event.target));
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", () => reveal(document));
  else reveal(document);
})();
