// The management page: lists the monitors of /api/v1/monitors and adds, changes, clones,
// pauses and deletes them over that API. The forms are made from /api/v1/kinds, so each kind's
// form has the settings its steps take; the API's refusals are shown at the field they name.
// Long because the list, the form and check now share one state (the monitors read, the form's
// mode); the other views are files of their own (incidents.js, channels.js, queue.js).
"use strict";
(function () {
  const lang = document.documentElement.lang === "zh-CN" ? "zh-CN" : "en";
  const words = window.MANAGE_MESSAGES[lang];
  const $ = (id) => document.getElementById(id);
  let kinds = {};
  let monitors = [];
  // what the form edits: mode add, edit or clone; the monitor read (edit, clone); each shown value
  let form = null;
  // whether the login may write (editor, admin): a viewer is shown no control it may not use
  let writer = false;
  let ready;
  // what the other views (incidents.js, channels.js, queue.js) share: they start once the login is known
  window.MANAGE = { t: t, el: el, api: api, notice: notice, refused: refused, ready: new Promise((resolve) => { ready = resolve; }) };

  function t(key, values) {
    let text = words[key] || key;
    Object.entries(values || {}).forEach(([k, v]) => { text = text.split("{" + k + "}").join(String(v)); });
    return text;
  }

  function el(tag, attributes, ...children) {
    const node = document.createElement(tag);
    Object.entries(attributes || {}).forEach(([k, v]) => {
      if (v === true) node.setAttribute(k, "");
      else if (v !== false && v !== null && v !== undefined) node.setAttribute(k, v);
    });
    children.flat().forEach((c) => node.append(c instanceof Node ? c : document.createTextNode(String(c))));
    return node;
  }

  async function api(method, path, body, etag) {
    const headers = { "Accept": "application/json" };
    if (body !== undefined) headers["Content-Type"] = "application/json";
    if (etag) headers["If-Match"] = etag;
    // from the origin: a page opened as http://user:password@host/ cannot fetch a relative URL
    const reply = await fetch(new URL(path, window.location.origin), { method: method, headers: headers, credentials: "same-origin",
      body: body === undefined ? undefined : JSON.stringify(body) });
    const text = await reply.text();
    let json = null;
    if (text) {
      try { json = JSON.parse(text); } catch (e) { json = { message: text }; }
    }
    return { status: reply.status, json: json || {}, etag: reply.headers.get("ETag") };
  }

  function notice(text, bad, action) {
    const box = $("notice");
    box.replaceChildren(text);
    box.className = bad ? "bad" : "";
    if (action) box.append(" ", action);
  }

  /** A refusal the form cannot place: a stale version, no login, or a failure. */
  function refused(reply, id) {
    if (reply.status === 412) {
      const again = el("button", { type: "button", id: "reload" }, t("reload"));
      again.addEventListener("click", async () => {
        notice("");
        await load();
        if (form && form.mode === "edit") await openEdit(id);
      });
      notice(t("changed-meanwhile", { id: id }), true, again);
      again.focus();
    } else if (reply.status === 401 || reply.status === 403) {
      notice(t("login", { message: reply.json.message || reply.status }), true);
    } else {
      notice(t("failed", { message: reply.json.message || reply.status }), true);
    }
  }

  function shown(value) {
    if (Array.isArray(value)) return value.join(", ");
    if (value !== null && typeof value === "object") return JSON.stringify(value);
    return value === undefined || value === null ? "" : String(value);
  }

  async function load() {
    const [list, states] = await Promise.all([api("GET", "/api/v1/monitors"),
      api("GET", "/api/monitors?per-page=1000").catch(() => null)]);
    if (list.status !== 200) {
      refused(list, "");
      return;
    }
    monitors = list.json;
    const state = {};
    if (states && states.status === 200 && Array.isArray(states.json)) {
      states.json.forEach((s) => { state[s.id] = s.state; });
    }
    const body = document.querySelector("#monitors tbody");
    body.replaceChildren();
    if (monitors.length === 0) {
      body.append(el("tr", {}, el("td", { colspan: 5 }, t("no-monitors"))));
    }
    monitors.forEach((m) => body.append(row(m, state[m.id])));
  }

  function row(m, state) {
    const label = m.paused ? t("paused") : state || t("active");
    const tr = el("tr", { "data-id": m.id },
      el("td", { "data-label": t("id") }, m.id),
      el("td", { "data-label": t("kind") }, m.kind || ""),
      el("td", { "data-label": t("state"), class: m.paused ? "paused" : "state-" + (state || "unknown") }, label,
        maintenance(m.maintenance)),
      el("td", { "data-label": t("file") }, m.file));
    const actions = el("td", { class: "actions" });
    if (!writer) {
      tr.append(actions);
      return tr;
    }
    const button = (name, text, handler) => {
      const b = el("button", { type: "button", "data-action": name, "aria-label": text + " " + m.id }, text);
      b.addEventListener("click", handler);
      actions.append(b);
    };
    button("check", t("check"), () => check(m));
    button("edit", t("edit"), () => openEdit(m.id));
    button("clone", t("clone"), () => openClone(m.id));
    button(m.paused ? "resume" : "pause", m.paused ? t("resume") : t("pause"), () => pause(m, !m.paused));
    button("delete", t("delete"), () => remove(m));
    tr.append(actions);
    return tr;
  }

  /** Whether the monitor is in a maintenance window now, and when the next starts, as the API computed it. */
  function maintenance(w) {
    if (!w) return "";
    const next = w.nextStart ? t("maintenance-next", { at: new Date(w.nextStart).toLocaleString(lang) }) : "";
    return el("span", { class: "maintenance" + (w.now ? " now" : "") }, [w.now ? t("in-maintenance") : "", next]
      .filter(Boolean).join(" · "));
  }

  async function pause(m, paused) {
    const reply = await api("POST", "/api/v1/monitors/" + encodeURIComponent(m.id) + (paused ? "/pause" : "/resume"),
      undefined, m.etag);
    if (reply.status !== 200) {
      refused(reply, m.id);
      return;
    }
    await load();
    notice(t(paused ? "paused-done" : "resumed-done", { id: m.id }));
    focusRow(m.id, paused ? "resume" : "pause");
  }

  /** Runs the monitor once and shows what it found: the per-node table of a speed test, the rows of others. */
  async function check(m) {
    notice(t("checking", { id: m.id }));
    const reply = await api("POST", "/api/v1/monitors/" + encodeURIComponent(m.id) + "/check");
    if (reply.status !== 200) {
      refused(reply, m.id);
      return;
    }
    notice("");
    const r = reply.json;
    const section = $("result");
    section.hidden = false;
    section.dataset.up = String(r.up);
    $("result-heading").textContent = t("result-heading", { id: r.monitor, state: t(r.up ? "up" : "down") });
    $("result-heading").className = r.up ? "state-up" : "state-down";
    $("result-summary").textContent = [r.target, r.up ? r.summary : (r.failureClass ? r.failureClass + ": " : "") + r.reason]
      .filter(Boolean).join(" · ");
    const table = r.table;
    document.querySelector("#result-table thead").replaceChildren(table
      ? el("tr", {}, table.header.map((h) => el("th", { scope: "col" }, h))) : "");
    document.querySelector("#result-table tbody").replaceChildren(...(table ? table.rows.map((row) =>
      el("tr", { class: row.failed ? "failed" : null }, row.cells.map((c, i) => el("td", { "data-label": table.header[i] }, c))))
      : []));
    $("result-table").hidden = !table;
    $("result-heading").focus();
  }

  async function remove(m) {
    if (!window.confirm(t("confirm-delete", { id: m.id, file: m.file }))) return;
    const reply = await api("DELETE", "/api/v1/monitors/" + encodeURIComponent(m.id), undefined, m.etag);
    if (reply.status !== 204) {
      refused(reply, m.id);
      return;
    }
    if (form && form.monitor && form.monitor.id === m.id) close();
    await load();
    notice(t("deleted", { id: m.id }));
    $("add").focus();
  }

  function focusRow(id, action) {
    const b = document.querySelector("tr[data-id=\"" + CSS.escape(id) + "\"] button[data-action=" + action + "]");
    if (b) b.focus();
  }

  async function read(id) {
    const reply = await api("GET", "/api/v1/monitors/" + encodeURIComponent(id));
    if (reply.status !== 200) {
      refused(reply, id);
      return null;
    }
    reply.json.etag = reply.etag || reply.json.etag;
    return reply.json;
  }

  async function openEdit(id) {
    const m = await read(id);
    if (m) open("edit", m);
  }

  async function openClone(id) {
    const m = await read(id);
    if (m) open("clone", m);
  }

  function open(mode, m) {
    form = { mode: mode, monitor: m, original: {} };
    notice(mode === "clone" && m.secrets.length ? t("secrets-not-cloned") : "");
    $("editor").hidden = false;
    $("editor-heading").textContent = mode === "add" ? t("adding") : t(mode === "edit" ? "editing" : "cloning", { id: m.id });
    $("f-id").value = mode === "edit" ? m.id : mode === "clone" ? m.id + "-copy" : "";
    $("f-id").readOnly = mode === "edit";
    $("f-file").value = m ? m.file : "";
    $("f-file").readOnly = mode === "edit";
    const kind = $("f-kind");
    kind.replaceChildren(...Object.keys(kinds).map((k) => el("option", { value: k }, k)));
    if (m && m.kind && !(m.kind in kinds)) kind.append(el("option", { value: m.kind }, m.kind));
    kind.value = m && m.kind ? m.kind : Object.keys(kinds)[0] || "";
    settingsForm();
    clearErrors();
    (mode === "edit" ? $("editor-heading") : $("f-id")).focus();
  }

  function close() {
    form = null;
    $("editor").hidden = true;
  }

  /** The settings' fields of the chosen kind, filled with the monitor's values when there is one. */
  function settingsForm() {
    const kind = $("f-kind").value;
    const m = form.monitor;
    const values = m ? m.settings : {};
    const described = kinds[kind] || [];
    const box = $("settings");
    box.replaceChildren();
    form.original = {};
    const names = new Set();
    described.forEach((s) => { names.add(s.name); box.append(field(s, values[s.name], m)); });
    const other = Object.keys(values).filter((k) => !names.has(k) && k !== "kind" && k !== "enabled");
    if (other.length) {
      box.append(el("h3", {}, t("other-settings")));
      other.forEach((k) => box.append(field({ name: k, type: "string", required: false, defaultValue: null,
        description: "", secret: false, choices: [] }, values[k], m)));
    }
  }

  function field(s, value, m) {
    const id = "f-s-" + s.name;
    const help = [s.description, s.defaultValue !== null && s.defaultValue !== undefined && s.defaultValue !== ""
      ? t("default", { value: s.defaultValue }) : ""].filter(Boolean).join(" · ");
    const wrap = el("div", { class: "field", "data-setting": s.name });
    const label = el("label", { for: id, class: s.required ? "required" : null }, s.name);
    wrap.append(label);
    let input;
    const choices = s.type === "boolean" ? ["true", "false"] : s.choices || [];
    if (choices.length) {
      input = el("select", { id: id });
      input.append(el("option", { value: "" }, t("unset")));
      choices.forEach((c) => input.append(el("option", { value: c }, s.type === "boolean" ? t(c === "true" ? "yes" : "no") : c)));
    } else {
      input = el("input", { id: id, type: s.secret ? "password" : "text", autocomplete: s.secret ? "new-password" : "off",
        spellcheck: "false", inputmode: s.type === "integer" ? "numeric" : null,
        placeholder: s.defaultValue === null || s.defaultValue === undefined ? null : String(s.defaultValue) });
    }
    input.dataset.setting = s.name;
    input.dataset.type = s.type;
    if (s.required) input.setAttribute("aria-required", "true");
    const described = ["help-" + id, "err-" + id];
    if (s.secret) {
      input.dataset.secret = "true";
      const set = form.mode === "edit" && m && m.secrets.includes(s.name);
      label.append(el("span", { class: "secret-state", id: "state-" + id }, "(" + t(set ? "secret-set" : "secret-unset") + ")"));
      described.unshift("state-" + id);
      wrap.append(input, el("p", { class: "help", id: "help-" + id }, [help, set ? t("secret-keep") : ""].filter(Boolean).join(" · ")));
      if (set) {
        const removeId = "remove-" + id;
        const box = el("input", { type: "checkbox", id: removeId, "data-remove": s.name });
        wrap.append(el("div", {}, box, " ", el("label", { for: removeId, class: "inline" }, t("secret-remove", { name: s.name }))));
      }
    } else {
      if (value !== undefined) {
        input.value = shown(value);
        form.original[s.name] = { text: shown(value), value: value };
      }
      wrap.append(input, el("p", { class: "help", id: "help-" + id }, help));
    }
    input.setAttribute("aria-describedby", described.join(" "));
    wrap.append(el("p", { class: "error", id: "err-" + id }));
    return wrap;
  }

  /** The settings the form holds, as the API takes them: empty fields left out, a secret to remove as null. */
  function collect() {
    const m = form.monitor;
    const kind = $("f-kind").value;
    const settings = {};
    if (form.mode !== "edit" || "kind" in m.settings || kind !== m.kind) settings.kind = kind;
    if (form.mode === "edit" && "enabled" in m.settings) settings.enabled = m.settings.enabled;
    document.querySelectorAll("#settings [data-setting]:is(input, select)").forEach((input) => {
      const name = input.dataset.setting;
      const text = input.value.trim();
      const original = form.original[name];
      if (input.dataset.secret) {
        const remove = document.querySelector("[data-remove=\"" + CSS.escape(name) + "\"]");
        if (remove && remove.checked) settings[name] = null;
        else if (text) settings[name] = text;
      } else if (text === "") {
        // left out: the kind's default applies
      } else if (original && original.text === text) {
        settings[name] = original.value;
      } else if (input.dataset.type === "integer" && /^-?\d+$/.test(text)) {
        settings[name] = Number(text);
      } else if (input.dataset.type === "boolean") {
        settings[name] = text === "true";
      } else {
        settings[name] = text;
      }
    });
    return settings;
  }

  function clearErrors() {
    $("form-error").textContent = "";
    document.querySelectorAll("#monitor-form .error").forEach((e) => { e.textContent = ""; });
    document.querySelectorAll("#monitor-form [aria-invalid]").forEach((e) => e.removeAttribute("aria-invalid"));
  }

  /** Shows a message at the field it names, else above the form; the first such field is focused. */
  function fieldError(name, message) {
    const input = ["id", "file", "kind"].includes(name) ? $("f-" + name) : name ? $("f-s-" + name) : null;
    if (!input) {
      const box = $("form-error");
      box.textContent = (box.textContent ? box.textContent + " " : "") + (name ? name + ": " : "") + message;
      return box;
    }
    input.setAttribute("aria-invalid", "true");
    const error = $("err-" + input.id);
    error.textContent = (error.textContent ? error.textContent + " " : "") + message;
    return input;
  }

  function required() {
    const missing = [];
    if (!$("f-id").value.trim()) missing.push("id");
    document.querySelectorAll("#settings [aria-required=true]").forEach((input) => {
      if (!input.value.trim()) missing.push(input.dataset.setting);
    });
    return missing;
  }

  async function save(event) {
    event.preventDefault();
    clearErrors();
    const missing = required();
    if (missing.length) {
      const first = missing.map((name) => fieldError(name, t("required")))[0];
      first.focus();
      return;
    }
    const id = $("f-id").value.trim();
    const settings = collect();
    const reply = form.mode === "edit"
      ? await api("PUT", "/api/v1/monitors/" + encodeURIComponent(id), { settings: settings }, form.monitor.etag)
      : await api("POST", "/api/v1/monitors", Object.assign({ id: id, settings: settings },
        $("f-file").value.trim() ? { file: $("f-file").value.trim() } : {}));
    if (reply.status === 200 || reply.status === 201) {
      const mode = form.mode;
      close();
      await load();
      notice(t(mode === "edit" ? "saved" : "added", { id: id }));
      focusRow(id, "edit");
    } else if (reply.status === 400) {
      const problems = reply.json.problems && reply.json.problems.length ? reply.json.problems : [reply.json];
      const targets = problems.map((p) => fieldError(["body", "settings", "request"].includes(p.field) ? null : p.field,
        p.message));
      targets[0].focus();
    } else if (reply.status === 409 || reply.status === 413) {
      fieldError(form.mode === "edit" ? null : "id", reply.json.message).focus();
    } else {
      refused(reply, id);
    }
  }

  async function start() {
    document.querySelectorAll("[data-i18n]").forEach((e) => { e.textContent = t(e.dataset.i18n); });
    document.querySelectorAll("[data-i18n-label]").forEach((e) => e.setAttribute("aria-label", t(e.dataset.i18nLabel)));
    document.title = t("title");
    const me = await api("GET", "/api/v1/me");
    const role = me.status === 200 ? me.json.role : null;
    writer = role === "editor" || role === "admin";
    document.body.dataset.role = role || "none";
    $("add").hidden = !writer;
    ready({ role: role, writer: writer });
    $("add").addEventListener("click", () => open("add", null));
    $("cancel").addEventListener("click", () => { close(); $("add").focus(); });
    $("f-kind").addEventListener("change", settingsForm);
    $("monitor-form").addEventListener("submit", save);
    const reply = await api("GET", "/api/v1/kinds");
    if (reply.status === 200) reply.json.forEach((k) => { kinds[k.kind] = k.settings; });
    await load();
    document.body.dataset.ready = "true";
  }

  start();
})();
