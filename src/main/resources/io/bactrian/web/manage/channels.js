// The alert channels of /api/v1/channels, and a test alert sent through one of them with what
// its service answered shown beside it. A viewer sees the channels, not the test button.
"use strict";
(function () {
  const { t, el, api } = window.MANAGE;

  function row(c, writer) {
    const answer = el("td", { "data-label": t("answer"), class: "answer", role: "status", "aria-live": "polite" });
    const settings = Object.entries(c.settings).map(([key, value]) => key + " = " + value).join(", ");
    const actions = el("td", { class: "actions" });
    if (writer && c.enabled) {
      const button = el("button", { type: "button", "data-action": "test", "aria-label": t("send-test") + " " + c.name },
        t("send-test"));
      button.addEventListener("click", () => test(c, button, answer));
      actions.append(button);
    }
    return el("tr", { "data-channel": c.name },
      el("td", { "data-label": t("channel") }, c.name),
      el("td", { "data-label": t("state"), class: c.enabled ? "state-up" : "paused" },
        c.enabled ? t("channel-on") : t("channel-off", { problem: c.problem })),
      el("td", { "data-label": t("channel-settings"), class: "settings" }, settings),
      actions, answer);
  }

  async function test(c, button, answer) {
    button.disabled = true;
    answer.className = "answer";
    answer.textContent = t("testing");
    const reply = await api("POST", "/api/v1/channels/" + encodeURIComponent(c.name) + "/test");
    button.disabled = false;
    const ok = reply.status === 200 && reply.json.delivered;
    answer.className = "answer " + (ok ? "state-up" : "state-down");
    answer.textContent = reply.status === 200 ? t(ok ? "test-delivered" : "test-failed", { answer: reply.json.answer })
      : t("failed", { message: reply.json.message || reply.status });
  }

  window.MANAGE.ready.then(async (me) => {
    const reply = await api("GET", "/api/v1/channels");
    const body = document.querySelector("#channels-table tbody");
    body.replaceChildren(...(reply.status === 200 ? reply.json.map((c) => row(c, me.writer))
      : [el("tr", {}, el("td", { colspan: 5 }, t("failed", { message: reply.json.message || reply.status })))]));
    document.getElementById("channels").dataset.ready = "true";
  });
})();
