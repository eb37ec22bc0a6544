// redactphi review page: one module, no dependencies, no build step.
// The note, the findings and the API key live in this module's memory only: nothing goes to
// localStorage, sessionStorage, IndexedDB, cookies or any other origin.

const QUICK_TYPES = ["NAME", "DATE", "AGE", "MRN", "ACCOUNT", "PHONE", "ADDRESS", "FACILITY", "OTHER_ID"];
const CATEGORIES = ["NAME", "DATE", "AGE", "ID", "CONTACT", "LOCATION"];
const MANIFEST_FORMAT = "redactphi-review-manifest/1";

const state = {
  key: null, // API key: memory only, never written anywhere
  entities: [], // entity types in the server's order
  categoryOf: {},
  presets: [],
  text: "", // the analysed note
  cpToUnit: [], // code point offset -> UTF-16 offset (the API counts code points)
  unitToCp: new Map(),
  findings: [], // sorted by start; see makeFinding
  nextId: 0,
  currentId: null,
  history: [],
  threshold: 0,
  seq: 0, // bumped on every change that alters the redaction
  redaction: null, // {seq, response} of the last redact call that answered
  pending: null, // the redact call in flight
};

const $ = (id) => document.getElementById(id);
const el = {
  keyForm: $("key-form"),
  keyInput: $("key-input"),
  sample: $("load-sample"),
  fileInput: $("file-input"),
  drop: $("drop-zone"),
  input: $("note-input"),
  policy: $("policy"),
  analyze: $("analyze"),
  edit: $("edit"),
  review: $("review"),
  threshold: $("threshold"),
  thresholdValue: $("threshold-value"),
  acceptAll: $("accept-all"),
  undo: $("undo"),
  legend: $("legend"),
  progress: $("progress"),
  noteView: $("note-view"),
  redacted: $("redacted"),
  policyName: $("policy-name"),
  details: $("details"),
  actAccept: $("act-accept"),
  actReject: $("act-reject"),
  retype: $("retype"),
  actRetype: $("act-retype"),
  addBar: $("add-bar"),
  addType: $("add-type"),
  addSelection: $("add-selection"),
  markForm: $("mark-form"),
  markText: $("mark-text"),
  markType: $("mark-type"),
  downloadText: $("download-text"),
  downloadManifest: $("download-manifest"),
  quickTypes: $("quick-types"),
  status: $("status"),
  error: $("error"),
};

// -- talking to the service -------------------------------------------------------------------

class ApiError extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}

function describeError(status, data) {
  const detail = data && data.detail;
  if (Array.isArray(detail)) {
    return detail.map((d) => `${(d.loc || []).join(".")}: ${d.msg}`).join("; ");
  }
  if (typeof detail === "string") return detail;
  return `the service answered ${status}`;
}

async function api(method, path, body) {
  const headers = { Accept: "application/json" };
  if (body !== undefined) headers["Content-Type"] = "application/json";
  if (state.key) headers.Authorization = `Bearer ${state.key}`;
  const resp = await fetch(path, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
    cache: "no-store",
    credentials: "omit",
    referrerPolicy: "no-referrer",
  });
  const data = await resp.json().catch(() => null);
  if (resp.status === 401) {
    askForKey(state.key ? "That API key was not accepted. Enter a valid key." : null);
    throw new ApiError(401, "an API key is needed");
  }
  if (!resp.ok) throw new ApiError(resp.status, describeError(resp.status, data));
  return data;
}

function askForKey(message) {
  state.key = null;
  el.keyForm.hidden = false;
  showError(message || "");
  el.keyInput.focus();
}

async function loadEntities() {
  const data = await api("GET", "/v1/entities");
  state.entities = data.entities.map((e) => e.entity_type);
  state.categoryOf = Object.fromEntries(data.entities.map((e) => [e.entity_type, e.category]));
  state.presets = data.presets;
  el.policy.replaceChildren(...data.presets.map((p) => new Option(p, p, false, p === data.default_policy)));
  for (const select of [el.retype, el.addType, el.markType]) {
    select.replaceChildren(
      ...state.entities.map((t) => {
        const quick = QUICK_TYPES.indexOf(t);
        const label = `${quick >= 0 ? `${quick + 1} ` : ""}${t} (${state.categoryOf[t]})`;
        return new Option(label, t);
      }),
    );
  }
  el.quickTypes.textContent = QUICK_TYPES.map((t, i) => `${i + 1} ${t}`).join(", ");
}

// -- offsets: the API counts code points, JavaScript strings count UTF-16 units -------------

function indexOffsets(text) {
  const cpToUnit = [0];
  const unitToCp = new Map([[0, 0]]);
  let unit = 0;
  for (const ch of text) {
    unit += ch.length;
    unitToCp.set(unit, cpToUnit.length);
    cpToUnit.push(unit);
  }
  state.cpToUnit = cpToUnit;
  state.unitToCp = unitToCp;
}

const slice = (f) => state.text.slice(state.cpToUnit[f.start], state.cpToUnit[f.end]);

// -- the review model ---------------------------------------------------------------------------

function makeFinding(start, end, type, extra = {}) {
  return {
    id: state.nextId++,
    start,
    end,
    type,
    originalType: type,
    score: null,
    recognizer: null,
    role: null,
    source: "analyzer",
    decision: "pending", // pending | accepted | rejected
    replacedBy: null, // id of the reviewer's span that took this one's place
    ...extra,
  };
}

const category = (f) => state.categoryOf[f.type] || "ID";
const isShown = (f) =>
  f.replacedBy === null &&
  (f.source === "reviewer" || f.decision === "accepted" || f.type !== f.originalType || (f.score ?? 1) >= state.threshold);
const isKept = (f) => isShown(f) && f.decision !== "rejected";
const shown = () => state.findings.filter(isShown);
const current = () => state.findings.find((f) => f.id === state.currentId && isShown(f)) || null;

function decisionOf(f) {
  if (f.replacedBy !== null) return { decision: "rejected", reason: "replaced by an added span" };
  if (!isShown(f)) return { decision: "rejected", reason: "below score threshold" };
  if (f.decision === "rejected") return { decision: "rejected", reason: "reviewer" };
  if (f.source === "reviewer") return { decision: "added" };
  if (f.type !== f.originalType) return { decision: "retyped" };
  return { decision: "kept", reviewed: f.decision === "accepted" };
}

function remember() {
  state.history.push({ findings: structuredClone(state.findings), currentId: state.currentId });
  if (state.history.length > 500) state.history.shift();
}

function changed(focusCurrent) {
  state.seq += 1;
  render(focusCurrent);
  scheduleRedaction();
}

function decide(decision) {
  const f = current();
  if (!f) return;
  remember();
  f.decision = decision;
  const next = neighbour(f, 1);
  if (next) state.currentId = next.id;
  changed(true);
  announce(`${decision === "accepted" ? "Accepted" : "Rejected"} ${f.type}.`);
}

function retype(type) {
  const f = current();
  if (!f || !state.categoryOf[type]) return;
  remember();
  f.type = type;
  f.decision = "accepted";
  if (type !== "NAME") f.role = null;
  changed(true);
  announce(`Retyped to ${type}.`);
}

function acceptAll() {
  const open = shown().filter((f) => f.decision === "pending");
  if (!open.length) return;
  remember();
  for (const f of open) f.decision = "accepted";
  changed(false);
  announce(`Accepted ${open.length} remaining findings.`);
}

function undo() {
  const last = state.history.pop();
  if (!last) {
    announce("Nothing to undo.");
    return;
  }
  state.findings = last.findings;
  state.currentId = last.currentId;
  changed(true);
  announce("Undone.");
}

function neighbour(f, step) {
  const list = shown();
  const at = list.findIndex((x) => x.id === f.id);
  return list[at + step] || null;
}

function move(step) {
  const list = shown();
  if (!list.length) return;
  const f = current();
  const next = f ? neighbour(f, step) : list[step > 0 ? 0 : list.length - 1];
  if (!next) return;
  state.currentId = next.id;
  render(true);
}

// Adds reviewer spans; a span that overlaps findings takes their place (they count as rejected).
function addSpans(spans, type) {
  const fresh = spans.filter(
    ([s, e]) => !state.findings.some((f) => isKept(f) && f.start <= s && e <= f.end),
  );
  if (!fresh.length) {
    announce("Already covered by a finding.");
    return 0;
  }
  remember();
  for (const [start, end] of fresh) {
    const added = makeFinding(start, end, type, { source: "reviewer", decision: "accepted" });
    for (const f of state.findings) {
      if (f.replacedBy === null && f.start < end && start < f.end) f.replacedBy = added.id;
    }
    state.findings.push(added);
    state.currentId = added.id;
  }
  state.findings.sort((a, b) => a.start - b.start || b.end - a.end);
  changed(false);
  announce(`Added ${fresh.length} ${type} finding${fresh.length > 1 ? "s" : ""}.`);
  return fresh.length;
}

function selectionSpan() {
  const sel = window.getSelection();
  if (!sel || sel.rangeCount === 0 || sel.isCollapsed) return null;
  const range = sel.getRangeAt(0);
  if (!el.noteView.contains(range.startContainer) || !el.noteView.contains(range.endContainer)) return null;
  const before = document.createRange();
  before.selectNodeContents(el.noteView);
  before.setEnd(range.startContainer, range.startOffset);
  let start = before.toString().length;
  let end = start + range.toString().length;
  while (start < end && /\s/.test(state.text[start])) start += 1;
  while (end > start && /\s/.test(state.text[end - 1])) end -= 1;
  const cs = state.unitToCp.get(start);
  const ce = state.unitToCp.get(end);
  if (cs === undefined || ce === undefined || cs >= ce) return null;
  return [cs, ce];
}

function occurrences(needle) {
  const out = [];
  const word = /[\p{L}\p{N}]/u;
  for (let at = state.text.indexOf(needle); at >= 0; at = state.text.indexOf(needle, at + 1)) {
    const end = at + needle.length;
    const edgeBefore = at === 0 || !word.test(state.text[at - 1]) || !word.test(needle[0]);
    const edgeAfter = end === state.text.length || !word.test(state.text[end]) || !word.test(needle[needle.length - 1]);
    if (edgeBefore && edgeAfter) out.push([state.unitToCp.get(at), state.unitToCp.get(end)]);
  }
  return out.filter(([s, e]) => s !== undefined && e !== undefined);
}

// -- rendering ----------------------------------------------------------------------------------

function describe(f) {
  const list = shown();
  const { decision } = decisionOf(f);
  const parts = [
    `${list.findIndex((x) => x.id === f.id) + 1} of ${list.length}`,
    `type ${f.type} (${category(f)})`,
    f.score === null ? "score: added by reviewer" : `score ${f.score.toFixed(2)}`,
    `recognizer ${f.recognizer || "reviewer"}`,
  ];
  if (f.role) parts.push(`role ${f.role}`);
  if (f.type !== f.originalType) parts.push(`was ${f.originalType}`);
  parts.push(`decision: ${f.decision === "pending" && decision === "kept" ? "not reviewed (redacted)" : decision}`);
  return parts.join(" · ");
}

function markFor(f, isCurrent) {
  const mark = document.createElement("mark");
  const { decision } = decisionOf(f);
  mark.className = `cat-${category(f)} decision-${f.decision === "rejected" ? "rejected" : decision === "kept" && f.decision === "accepted" ? "accepted" : decision}`;
  if (isCurrent) mark.classList.add("current");
  mark.dataset.id = String(f.id);
  mark.dataset.start = String(f.start);
  mark.dataset.end = String(f.end);
  mark.dataset.type = f.type;
  mark.dataset.decision = decision;
  mark.dataset.label = f.decision === "rejected" ? `${f.type} rejected` : f.type;
  mark.tabIndex = isCurrent ? 0 : -1;
  mark.title = describe(f);
  mark.textContent = slice(f);
  return mark;
}

function renderNote(focusCurrent) {
  const list = shown();
  let cur = current();
  if (!cur && list.length) {
    cur = list[0];
    state.currentId = cur.id;
  }
  const nodes = [];
  let cursor = 0;
  for (const f of list) {
    const start = state.cpToUnit[f.start];
    if (start > cursor) nodes.push(document.createTextNode(state.text.slice(cursor, start)));
    nodes.push(markFor(f, f === cur));
    cursor = state.cpToUnit[f.end];
  }
  nodes.push(document.createTextNode(state.text.slice(cursor)));
  el.noteView.replaceChildren(...nodes);
  el.details.textContent = cur ? describe(cur) : "No findings to review.";
  if (cur) el.retype.value = cur.type;
  if (focusCurrent && cur) {
    const mark = el.noteView.querySelector(`mark[data-id="${cur.id}"]`);
    mark.focus();
    mark.scrollIntoView({ block: "nearest" });
  }
}

function renderLegend() {
  const counts = Object.fromEntries(CATEGORIES.map((c) => [c, 0]));
  for (const f of state.findings) if (isKept(f)) counts[category(f)] = (counts[category(f)] || 0) + 1;
  el.legend.replaceChildren(
    ...Object.entries(counts).map(([cat, n]) => {
      const li = document.createElement("li");
      li.className = `cat-${cat}`;
      li.dataset.category = cat;
      li.textContent = `${cat} ${n}`;
      return li;
    }),
  );
  const tally = { accepted: 0, rejected: 0, added: 0, pending: 0 };
  let hidden = 0;
  for (const f of state.findings) {
    if (f.replacedBy !== null) continue;
    if (!isShown(f)) hidden += 1;
    else if (f.source === "reviewer") tally.added += 1;
    else tally[f.decision] += 1;
  }
  el.progress.textContent =
    `${tally.accepted} accepted, ${tally.rejected} rejected, ${tally.added} added, ` +
    `${tally.pending} not reviewed yet (redacted unless rejected)` +
    (hidden ? `; ${hidden} hidden below score ${state.threshold.toFixed(2)} (not redacted)` : "");
}

function render(focusCurrent) {
  renderNote(focusCurrent);
  renderLegend();
  el.undo.disabled = state.history.length === 0;
}

function renderRedaction(response) {
  const out = response.text;
  const units = [0];
  for (const ch of out) units.push(units[units.length - 1] + ch.length);
  const nodes = [];
  let cursor = 0;
  for (const a of response.applied) {
    const start = units[a.new_start];
    const end = units[a.new_end];
    if (start > cursor) nodes.push(document.createTextNode(out.slice(cursor, start)));
    const span = document.createElement("span");
    span.className = "replaced";
    span.dataset.type = a.entity_type;
    span.title = `${a.entity_type} (${a.operator})`;
    span.textContent = out.slice(start, end);
    nodes.push(span);
    cursor = end;
  }
  nodes.push(document.createTextNode(out.slice(cursor)));
  el.redacted.replaceChildren(...nodes);
  el.policyName.textContent = response.policy;
}

// -- redaction by the server, on exactly the spans kept ----------------------------------------

let timer = null;

function scheduleRedaction() {
  clearTimeout(timer);
  el.redacted.setAttribute("aria-busy", "true");
  timer = setTimeout(() => redactNow().catch(() => {}), 120);
}

function redactionRequest() {
  const kept = state.findings.filter(isKept);
  return {
    text: state.text,
    policy: el.policy.value,
    spans: kept.map((f) => ({
      start: f.start,
      end: f.end,
      entity_type: f.type,
      ...(f.role && f.type === "NAME" ? { role: f.role } : {}),
    })),
    kept,
  };
}

async function redactNow() {
  clearTimeout(timer);
  const seq = state.seq;
  const { kept, ...body } = redactionRequest();
  const call = api("POST", "/v1/redact", body).then((response) => {
    if (response.applied.length !== kept.length) {
      throw new ApiError(500, "the service did not apply every kept span; nothing is shown");
    }
    return { seq, response, kept };
  });
  state.pending = call;
  try {
    const result = await call;
    if (seq === state.seq) {
      state.redaction = result;
      renderRedaction(result.response);
      el.redacted.setAttribute("aria-busy", "false");
      showError("");
    }
    return result;
  } catch (err) {
    if (seq === state.seq) {
      state.redaction = null;
      el.redacted.replaceChildren();
      el.redacted.setAttribute("aria-busy", "false");
      showError(`Redaction failed: ${err.message}`);
    }
    throw err;
  }
}

async function upToDate() {
  if (state.redaction && state.redaction.seq === state.seq) return state.redaction;
  return redactNow();
}

// -- downloads ------------------------------------------------------------------------------------

function save(name, content, type) {
  const url = URL.createObjectURL(new Blob([content], { type }));
  const a = document.createElement("a");
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
}

function manifest(result) {
  const { response, kept } = result;
  const appliedById = new Map(kept.map((f, i) => [f.id, response.applied[i]]));
  const ordered = state.findings.slice().sort((a, b) => a.start - b.start || a.id - b.id);
  const indexById = new Map(ordered.map((f, i) => [f.id, i]));
  const spans = ordered.map((f) => {
    const applied = appliedById.get(f.id);
    const { decision, reason, reviewed } = decisionOf(f);
    return {
      start: f.start,
      end: f.end,
      entity_type: f.type,
      original_entity_type: f.source === "reviewer" ? null : f.originalType,
      category: category(f),
      score: f.score,
      recognizer: f.recognizer,
      decision,
      ...(reviewed === undefined ? {} : { reviewed }),
      ...(reason ? { reason } : {}),
      ...(f.replacedBy !== null ? { replaced_by: indexById.get(f.replacedBy) } : {}),
      applied: Boolean(applied),
      ...(applied ? { operator: applied.operator, new_start: applied.new_start, new_end: applied.new_end } : {}),
    };
  });
  const counts = { kept: 0, rejected: 0, added: 0, retyped: 0 };
  for (const s of spans) counts[s.decision] += 1;
  return {
    format: MANIFEST_FORMAT,
    created_at: new Date().toISOString(),
    redactphi_version: response.engine.redactphi_version,
    model: response.engine.model,
    model_version: response.engine.model_version,
    policy: response.policy,
    score_threshold: state.threshold,
    text_length: state.cpToUnit.length - 1,
    redacted_length: [...response.text].length,
    counts,
    spans,
  };
}

async function downloadText() {
  try {
    const result = await upToDate();
    save("redacted-note.txt", result.response.text, "text/plain;charset=utf-8");
    announce("Redacted note downloaded.");
  } catch (err) {
    showError(`Nothing downloaded: ${err.message}`);
  }
}

async function downloadManifest() {
  try {
    const result = await upToDate();
    save("review-manifest.json", `${JSON.stringify(manifest(result), null, 2)}\n`, "application/json");
    announce("Review manifest downloaded.");
  } catch (err) {
    showError(`Nothing downloaded: ${err.message}`);
  }
}

// -- analysis -----------------------------------------------------------------------------------

async function analyze() {
  const text = el.input.value;
  if (!text.trim()) {
    showError("Paste a note, drop a .txt file or load the sample first.");
    return;
  }
  showError("");
  announce("Analyzing…");
  el.analyze.disabled = true;
  try {
    const data = await api("POST", "/v1/analyze", { text, details: true });
    state.text = text;
    indexOffsets(text);
    state.nextId = 0;
    state.findings = data.findings.map((f) =>
      makeFinding(f.start, f.end, f.entity_type, {
        score: f.score,
        recognizer: f.recognizer ?? null,
        role: f.role ?? null,
      }),
    );
    state.history = [];
    state.currentId = state.findings.length ? state.findings[0].id : null;
    state.redaction = null;
    el.drop.hidden = true;
    el.edit.hidden = false;
    el.analyze.hidden = true;
    el.review.hidden = false;
    changed(true);
    announce(`${state.findings.length} findings. j / k move, a accepts, x rejects, u undoes.`);
  } catch (err) {
    if (err.status !== 401) showError(`Analysis failed: ${err.message}`);
    announce("");
  } finally {
    el.analyze.disabled = false;
  }
}

function editNote() {
  el.review.hidden = true;
  el.drop.hidden = false;
  el.edit.hidden = true;
  el.analyze.hidden = false;
  state.findings = [];
  state.history = [];
  state.redaction = null;
  el.noteView.replaceChildren();
  el.redacted.replaceChildren();
  el.input.focus();
}

async function readFile(file) {
  if (!file) return;
  if (!/\.txt$/i.test(file.name) && file.type !== "text/plain") {
    showError("Only .txt files can be opened here.");
    return;
  }
  el.input.value = await file.text();
  showError("");
  announce("File loaded; press Analyze.");
}

// -- messages -----------------------------------------------------------------------------------

function announce(message) {
  el.status.textContent = message;
}

function showError(message) {
  el.error.textContent = message;
}

// -- wiring -------------------------------------------------------------------------------------

function typingInto(target) {
  return (
    target instanceof HTMLInputElement ||
    target instanceof HTMLTextAreaElement ||
    target instanceof HTMLSelectElement
  );
}

function onKey(ev) {
  if (el.review.hidden || ev.ctrlKey || ev.metaKey || ev.altKey || typingInto(ev.target)) return;
  const quick = "123456789".indexOf(ev.key);
  if (ev.key === "j") move(1);
  else if (ev.key === "k") move(-1);
  else if (ev.key === "a") decide("accepted");
  else if (ev.key === "x") decide("rejected");
  else if (ev.key === "u") undo();
  else if (quick >= 0) retype(QUICK_TYPES[quick]);
  else return;
  ev.preventDefault();
}

function selectFinding(target) {
  const mark = target instanceof Element ? target.closest("mark") : null;
  if (!mark) return;
  const f = state.findings.find((x) => String(x.id) === mark.dataset.id);
  if (!f || f.id === state.currentId) return;
  state.currentId = f.id;
  for (const m of el.noteView.querySelectorAll("mark")) {
    const on = m === mark;
    m.classList.toggle("current", on);
    m.tabIndex = on ? 0 : -1;
  }
  el.details.textContent = describe(f);
  el.retype.value = f.type;
}

function wire() {
  el.keyForm.addEventListener("submit", async (ev) => {
    ev.preventDefault();
    state.key = el.keyInput.value;
    el.keyInput.value = "";
    el.keyForm.hidden = true;
    showError("");
    try {
      await loadEntities();
      announce("Key accepted.");
      el.input.focus();
    } catch (err) {
      if (err.status !== 401) showError(err.message);
    }
  });
  el.sample.addEventListener("click", async () => {
    const resp = await fetch("/review/sample.txt", { cache: "no-store", credentials: "omit" });
    el.input.value = await resp.text();
    announce("Sample op note loaded (synthetic, not a real patient); press Analyze.");
  });
  el.fileInput.addEventListener("change", () => {
    readFile(el.fileInput.files[0]);
    el.fileInput.value = "";
  });
  el.drop.addEventListener("dragover", (ev) => {
    ev.preventDefault();
    el.drop.classList.add("dragging");
  });
  el.drop.addEventListener("dragleave", () => el.drop.classList.remove("dragging"));
  el.drop.addEventListener("drop", (ev) => {
    ev.preventDefault();
    el.drop.classList.remove("dragging");
    readFile(ev.dataTransfer.files[0]);
  });
  el.analyze.addEventListener("click", analyze);
  el.edit.addEventListener("click", editNote);
  el.policy.addEventListener("change", () => {
    if (el.review.hidden) return;
    state.seq += 1;
    scheduleRedaction();
  });
  el.threshold.addEventListener("input", () => {
    state.threshold = Number(el.threshold.value);
    el.thresholdValue.textContent = state.threshold.toFixed(2);
    changed(false);
  });
  el.acceptAll.addEventListener("click", acceptAll);
  el.undo.addEventListener("click", undo);
  el.actAccept.addEventListener("click", () => decide("accepted"));
  el.actReject.addEventListener("click", () => decide("rejected"));
  el.actRetype.addEventListener("click", () => retype(el.retype.value));
  el.noteView.addEventListener("click", (ev) => selectFinding(ev.target));
  el.noteView.addEventListener("focusin", (ev) => selectFinding(ev.target));
  // pointermove, not mouseover: a re-render under a resting pointer is not a hover.
  el.noteView.addEventListener("pointermove", (ev) => {
    const mark = ev.target instanceof Element ? ev.target.closest("mark") : null;
    const f = mark && state.findings.find((x) => String(x.id) === mark.dataset.id);
    if (f) el.details.textContent = describe(f);
  });
  el.noteView.addEventListener("pointerleave", () => {
    const f = current();
    if (f) el.details.textContent = describe(f);
  });
  document.addEventListener("selectionchange", () => {
    el.addBar.hidden = el.review.hidden || selectionSpan() === null;
  });
  el.addSelection.addEventListener("click", () => {
    const span = selectionSpan();
    if (!span) return;
    window.getSelection().removeAllRanges();
    addSpans([span], el.addType.value);
  });
  el.markForm.addEventListener("submit", (ev) => {
    ev.preventDefault();
    const needle = el.markText.value.trim();
    if (!needle) return;
    const found = occurrences(needle);
    if (!found.length) {
      announce("Not found in the note.");
      return;
    }
    if (addSpans(found, el.markType.value)) el.markText.value = "";
  });
  el.downloadText.addEventListener("click", downloadText);
  el.downloadManifest.addEventListener("click", downloadManifest);
  document.addEventListener("keydown", onKey);
}

wire();
loadEntities().catch((err) => {
  if (err.status !== 401) showError(`The service is not reachable: ${err.message}`);
});
