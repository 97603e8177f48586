// The incidents view of the management page: the open incidents of /api/v1/incidents, each
// silenced until a time or until resolved (no reminders meanwhile), unsilenced or ended by hand.
// It starts once manage.js knows the login: a viewer is shown the incidents without their buttons.
"use strict";
(function () {
  const { api, t, el, notice, refused } = window.MANAGE;
  let writer = false;
  const $ = (id) => document.getElementById(id);
  const lang = document.documentElement.lang;
  const when = (iso) => new Date(iso).toLocaleString(lang);

  function silenceText(s) {
    if (!s) return t("not-silenced");
    const text = s.until ? t("silenced-until", { by: s.by, until: when(s.until) }) : t("silenced-resolved", { by: s.by });
    return s.comment ? text + " · " + s.comment : text;
  }

  async function load() {
    const reply = await api("GET", "/api/v1/incidents");
    if (reply.status !== 200) {
      refused(reply, "");
      return;
    }
    const body = document.querySelector("#incidents tbody");
    body.replaceChildren(...(reply.json.length ? reply.json.map(row)
      : [el("tr", {}, el("td", { colspan: 4 }, t("no-incidents")))]));
  }

  function row(i) {
    const key = "i-" + i.monitor.replace(/[^A-Za-z0-9_-]/g, "_");
    const until = el("input", { type: "datetime-local", id: key + "-until", "aria-describedby": key + "-err" });
    const comment = el("input", { type: "text", id: key + "-comment", autocomplete: "off" });
    const error = el("p", { class: "error", id: key + "-err" });
    // a viewer's row has no inputs either: there is nothing they could do with them
    const actions = el("td", { class: "actions" }, writer ? [
      el("div", { class: "field" }, el("label", { for: until.id }, t("silence-until-label")), until, error),
      el("div", { class: "field" }, el("label", { for: comment.id }, t("comment")), comment)] : []);
    const button = (name, text, handler) => {
      if (!writer) return;
      const b = el("button", { type: "button", "data-action": name, "aria-label": text + " " + i.monitor }, text);
      b.addEventListener("click", handler);
      actions.append(b);
    };
    button("silence-until", t("silence-until"), () => {
      error.textContent = "";
      until.removeAttribute("aria-invalid");
      if (!until.value) {
        fail(until, error, t("required"));
        return;
      }
      silence(i.monitor, { until: new Date(until.value).toISOString(), comment: comment.value }, until, error);
    });
    button("silence-resolved", t("silence-resolved"), () =>
      silence(i.monitor, { untilResolved: true, comment: comment.value }, until, error));
    if (i.silence) button("unsilence", t("unsilence"), () => change("DELETE", i.monitor, "/silence", "unsilenced"));
    button("end", t("end"), () => {
      if (window.confirm(t("confirm-end", { id: i.monitor }))) change("POST", i.monitor, "/end", "ended");
    });
    return el("tr", { "data-incident": i.monitor, class: i.silence ? "silenced" : null },
      el("td", { "data-label": t("monitor") }, i.monitor),
      el("td", { "data-label": t("since") }, i.since ? when(i.since) : ""),
      el("td", { "data-label": t("silence"), class: "silence" }, silenceText(i.silence)),
      actions);
  }

  function fail(input, error, message) {
    input.setAttribute("aria-invalid", "true");
    error.textContent = message;
    input.focus();
  }

  async function silence(monitor, body, input, error) {
    const reply = await api("POST", path(monitor, "/silence"), body);
    if (reply.status === 400) {
      fail(input, error, reply.json.message);
      return;
    }
    await done(reply, monitor, "silenced", "unsilence");
  }

  async function change(method, monitor, tail, word) {
    await done(await api(method, path(monitor, tail)), monitor, word, "silence-resolved");
  }

  async function done(reply, monitor, word, focus) {
    if (reply.status !== 200) {
      refused(reply, monitor);
      return;
    }
    await load();
    notice(t(word + "-done", { id: monitor }));
    const b = document.querySelector("tr[data-incident=\"" + CSS.escape(monitor) + "\"] button[data-action=" + focus + "]");
    (b || $("incidents-refresh")).focus();
  }

  function path(monitor, tail) {
    return "/api/v1/incidents/" + encodeURIComponent(monitor) + tail;
  }

  window.MANAGE.ready.then(async (me) => {
    writer = me.writer;
    $("incidents-refresh").addEventListener("click", load);
    await load();
    $("incidents").dataset.ready = "true";
  });
})();
