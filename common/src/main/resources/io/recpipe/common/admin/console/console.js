// The recpipe console: reads the admin API of the service that serves it (same origin, the
// browser's HTTP Basic credential) and draws the page. No build step, no library.
"use strict";

const api = (path) => location.origin + "/admin" + path;
const headers = { "X-Requested-With": "recpipe-console", "Content-Type": "application/json" };
const $ = (id) => document.getElementById(id);

async function call(method, path, body) {
  const response = await fetch(api(path), {
    method, headers, credentials: "same-origin",
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  const json = text ? JSON.parse(text) : null;
  if (!response.ok && response.status !== 409) {
    throw new Error(method + " " + path + ": " + response.status);
  }
  return json;
}

function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  Object.entries(attrs || {}).forEach(([k, v]) => {
    if (k === "class") node.className = v;
    else if (k.startsWith("on")) node.addEventListener(k.slice(2), v);
    else node.setAttribute(k, v);
  });
  children.flat().forEach((c) => node.append(c instanceof Node ? c : String(c ?? "")));
  return node;
}

const when = (iso) => (iso ? new Date(iso).toLocaleString() : "—");

function duration(seconds) {
  if (seconds < 120) return seconds + " s";
  if (seconds < 7200) return Math.round(seconds / 60) + " min";
  return Math.round(seconds / 3600) + " h";
}

async function summary() {
  const s = await call("GET", "/summary");
  document.title = "recpipe " + s.service;
  $("service").textContent = s.service;
  $("instance").textContent = "instance " + s.instance;
  $("claiming").textContent = s.paused ? "claiming paused" : "claiming";
  $("claiming").className = "badge" + (s.paused ? " paused" : "");
  $("pause").textContent = s.paused ? "Resume claiming" : "Pause claiming";
  $("pause").dataset.paused = s.paused;
  if (s.otherConsole) {
    $("other").href = s.otherConsole;
    $("other").hidden = false;
  }
  $("counts").replaceChildren(
    ...Object.entries(s.counts).map(([state, n]) =>
      el("div", { class: "tile " + state, "data-state": state }, el("b", {}, n), state)));
  const waiting = Object.entries(s.waiting).filter(([, n]) => n > 0);
  $("waiting").textContent = waiting.length
    ? "Waiting for: " + waiting.map(([r, n]) => r + " " + n).join(", ") : "";
  $("oldest").textContent = s.oldestWaiting
    ? s.oldestWaiting.session + " (" + s.oldestWaiting.state + ", "
      + duration(s.oldestWaiting.waitingSeconds) + ")" : "none";
}

async function chart() {
  const a = await call("GET", "/activity?hours=24");
  const kinds = ["done", "failed", "retried", "waited"];
  const width = 560, height = 150, left = 28, bottom = 18;
  const max = Math.max(1, ...a.hours.map((h) => kinds.reduce((t, k) => t + h[k], 0)));
  const slot = (width - left) / a.hours.length;
  const ns = "http://www.w3.org/2000/svg";
  const svg = document.createElementNS(ns, "svg");
  svg.setAttribute("viewBox", `0 0 ${width} ${height}`);
  svg.setAttribute("width", "100%");
  const add = (tag, attrs, text) => {
    const node = document.createElementNS(ns, tag);
    Object.entries(attrs).forEach(([k, v]) => node.setAttribute(k, v));
    if (text !== undefined) node.textContent = text;
    svg.append(node);
    return node;
  };
  const plot = height - bottom;
  add("line", { x1: left, y1: plot, x2: width, y2: plot, stroke: "#ccd" });
  add("text", { x: 0, y: 10 }, max);
  add("text", { x: 0, y: plot }, 0);
  a.hours.forEach((h, i) => {
    let y = plot;
    kinds.forEach((k) => {
      const bar = (h[k] / max) * (plot - 4);
      if (bar > 0) {
        y -= bar;
        add("rect", { x: left + i * slot + 1, y, width: slot - 2, height: bar, class: k },)
          .append(Object.assign(document.createElementNS(ns, "title"),
            { textContent: `${new Date(h.start).getHours()}:00 ${k}: ${h[k]}` }));
      }
    });
    if (i % 4 === 0) {
      add("text", { x: left + i * slot, y: height - 4 }, new Date(h.start).getHours() + ":00");
    }
  });
  $("chart").replaceChildren(svg);
}

async function failed() {
  const page = await call("GET", "/jobs?state=FAILED&size=100");
  $("failed-count").textContent = "(" + page.total + ")";
  const none = el("tr", {}, el("td", { colspan: 5, class: "muted" }, "No failed session."));
  $("failed").tBodies[0].replaceChildren(...(page.jobs.length ? [] : [none]), ...page.jobs.map((job) =>
    el("tr", { "data-session": job.session },
      el("td", {}, el("a", { href: "#" + job.session, onclick: (e) => {
        e.preventDefault(); timeline(job.session); } }, job.session)),
      el("td", {}, job.attempts),
      el("td", { class: "error" }, job.lastError || ""),
      el("td", {}, when(job.updatedAt)),
      el("td", {}, el("button", { type: "button", class: "requeue",
        onclick: () => requeue(job.session) }, "Requeue")))));
}

async function requeue(session) {
  const answer = await call("POST", "/jobs/" + encodeURIComponent(session) + "/requeue");
  const one = answer.sessions[0];
  $("message").textContent = one.requeued
    ? session + " requeued." : session + " not requeued: " + one.problem;
  await refresh();
}

async function timeline(session) {
  $("session").value = session;
  let t;
  try {
    t = await call("GET", "/jobs/" + encodeURIComponent(session));
  } catch (e) {
    $("timeline").replaceChildren(el("p", {}, "No job or history for " + session + "."));
    $("player").hidden = true;
    return;
  }
  const state = t.job ? t.job.state + ", " + t.job.attempts + " attempt(s) counted"
    : "forgotten (history only)";
  $("timeline").replaceChildren(
    el("p", {}, el("b", {}, t.session), " — " + state),
    ...t.attempts.map((a) => el("div", { class: "attempt " + (a.outcome || "") },
      el("div", {}, `#${a.number} ${when(a.claimedAt)} on ${a.instance || "?"} → `,
        el("b", {}, a.outcome || "never settled (its owner died)"),
        a.waitReason ? " (" + a.waitReason + ")" : "",
        a.durationMillis != null ? ", " + (a.durationMillis / 1000).toFixed(1) + " s" : ""),
      a.error ? el("div", { class: "error" }, a.error) : "",
      el("ul", {}, a.words.map((w) => el("li", {},
        `${when(w.at)} EmpowerID ← ${w.word} (${w.detail || ""}): ${w.answer}`))))));
  // The video from this service's disk, or a short-lived link to the stored object (the uploader,
  // once the local file is gone): the player takes either as its source.
  const link = await fetch(api("/jobs/" + encodeURIComponent(session) + "/video/link"),
    { headers, credentials: "same-origin" });
  const source = link.ok ? await link.json() : null;
  $("player").hidden = !source;
  if (source) $("player").src = new URL(source.url, location.origin).href;
  else $("player").removeAttribute("src");
  $("player").title = source && source.expiresAt ? "link valid until " + when(source.expiresAt) : "";
}

async function refresh() {
  await Promise.all([summary(), chart(), failed()]);
  document.body.dataset.loaded = String(Date.now());
}

$("pause").addEventListener("click", async () => {
  await call("POST", $("pause").dataset.paused === "true" ? "/claiming/resume" : "/claiming/pause");
  await summary();
});
$("lookup").addEventListener("submit", (e) => {
  e.preventDefault();
  timeline($("session").value.trim());
});

refresh().then(() => {
  if (location.hash.length > 1) timeline(decodeURIComponent(location.hash.slice(1)));
}).catch((e) => { $("message").textContent = "Cannot load: " + e.message; });
setInterval(() => refresh().catch(() => {}), 15000);
