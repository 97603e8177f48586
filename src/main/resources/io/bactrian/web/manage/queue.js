// The alert queue of /api/v1/alerts: the alerts not delivered with their last error, one refused
// for good sent again, a queued or refused one dropped. A viewer sees the queue, not the buttons.
"use strict";
(function () {
  const { t, el, api, notice } = window.MANAGE;
  let writer = false;

  function row(a) {
    const actions = el("td", { class: "actions" });
    const button = (name, text, handler) => {
      const b = el("button", { type: "button", "data-action": name, "aria-label": text + " " + a.id }, text);
      b.addEventListener("click", handler);
      actions.append(b);
    };
    if (writer && a.state === "failed") button("resend", t("resend"), () => act(a, "POST", "/resend", 200, "resent"));
    if (writer) {
      button("drop", t("drop"), () => {
        if (window.confirm(t("confirm-drop", { id: a.id, monitor: a.monitor }))) act(a, "DELETE", "", 204, "dropped");
      });
    }
    return el("tr", { "data-alert": a.id, "data-state": a.state },
      el("td", { "data-label": t("channel") }, a.channel),
      el("td", { "data-label": t("monitor") }, a.monitor),
      el("td", { "data-label": t("alert-kind") }, a.kind),
      el("td", { "data-label": t("state"), class: a.state === "failed" ? "state-down" : null },
        t(a.state === "failed" ? "refused" : "queued")),
      el("td", { "data-label": t("queued-at") }, a.queuedAt ? new Date(a.queuedAt).toLocaleString() : ""),
      el("td", { "data-label": t("last-error"), class: "last-error" }, a.lastError || ""),
      actions);
  }

  async function act(a, method, path, expected, done) {
    const reply = await api(method, "/api/v1/alerts/" + encodeURIComponent(a.id) + path);
    if (reply.status !== expected) {
      notice(t("failed", { message: reply.json.message || reply.status }), true);
      return;
    }
    await load();
    notice(t(done, { id: a.id }));
    document.getElementById("queue-reload").focus();
  }

  async function load() {
    const reply = await api("GET", "/api/v1/alerts");
    const body = document.querySelector("#queue-table tbody");
    if (reply.status !== 200) {
      body.replaceChildren(el("tr", {}, el("td", { colspan: 7 }, t("failed", { message: reply.json.message || reply.status }))));
      return;
    }
    const alerts = reply.json.alerts || [];
    body.replaceChildren(...(alerts.length ? alerts.map(row) : [el("tr", {}, el("td", { colspan: 7 }, t("queue-empty")))]));
  }

  window.MANAGE.ready.then(async (me) => {
    writer = me.writer;
    document.getElementById("queue-reload").addEventListener("click", load);
    await load();
    document.getElementById("queue").dataset.ready = "true";
  });
})();
