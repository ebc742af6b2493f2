// The answer sheet: one question per screen with a question map, or all on one page; a
// countdown from server time with automatic submission; "Nộp bài" with a confirmation that
// names the unanswered questions; essays (tự luận) typed in a text box, saved a moment after
// the typing stops; the prediction question (an integer ≥ 0).

import { api, ApiError, parseTime, serverNow } from "./api.js";
import { announce, clockText, h, show } from "./dom.js";
import { Saver } from "./saver.js";

const MODE_KEY = "dcs:mode";
const TYPING_MS = 800; // an essay is saved this long after the last keystroke (or on leaving it)
const STATUS_TEXT = {
  saving: "Đang lưu…",
  saved: "Đã lưu",
  retrying: "Chưa lưu được — đang thử lại…",
  offline: "Mất kết nối — câu trả lời được giữ trên máy này và sẽ tự lưu khi có mạng",
};

function sleep(ms) {
  return new Promise((resolve) => window.setTimeout(resolve, ms));
}

export function paperView(started, participant, { onSubmitted }) {
  const { attempt, paper } = started;
  const ref = { round: attempt.round, kind: attempt.kind, number: attempt.number };
  const storageKey = `dcs:${participant}:${ref.round}:${ref.kind}:${ref.number}`;
  const questions = paper.questions;
  const hasPrediction = Boolean(paper.prediction);
  const total = questions.length + (hasPrediction ? 1 : 0);
  const deadline = parseTime(attempt.deadline);
  const state = { answers: {}, essays: {}, prediction: null, current: 0, submitting: false, done: false };
  let mode = window.localStorage.getItem(MODE_KEY) === "all" ? "all" : "one";

  // What this device kept (saved or not) wins over the server's copy only if unsynced.
  let local = null;
  try { local = JSON.parse(window.localStorage.getItem(storageKey) || "null"); } catch { local = null; }
  const source = local && !local.synced && local.sheet ? local.sheet : started.draft;
  if (source) {
    state.answers = { ...(source.answers || {}) };
    state.essays = { ...(source.essays || {}) };
    state.prediction = Number.isInteger(source.prediction) ? source.prediction : null;
  }

  const statusLine = h("p", { class: "save-status", "aria-live": "polite" }, started.draft ? "Đã lưu" : "");
  const timer = h("p", { class: "timer", role: "timer", "aria-live": "off" });
  const saver = new Saver(ref, {
    seq: Math.max(started.seq || 0, (local && local.seq) || 0),
    storageKey,
    onStatus: (status, detail) => {
      statusLine.textContent = status === "error" ? `Không lưu được: ${detail}` : STATUS_TEXT[status];
      statusLine.dataset.state = status;
    },
    onClosed: (error) => {
      statusLine.textContent = error.message;
      statusLine.dataset.state = "error";
      if (error.data.error === "already_submitted" && error.data.receipt) finish(error.data.receipt, null, false);
      else if (error.data.error === "time_up") submit(true);
    },
  });

  const title = attempt.kind === "practice" ? `${paper.round_title} — Thi thử` : `${paper.round_title} — Lượt ${attempt.number}`;
  const mapButtons = [];
  const cards = [];
  const answered = (index) => {
    if (index === questions.length) return state.prediction !== null;
    const key = String(questions[index].number);
    if (questions[index].choose === "text") return (state.essays[key] || "").trim() !== "";
    const value = state.answers[key];
    return Array.isArray(value) ? value.length > 0 : Boolean(value);
  };

  function sheet() {
    return { answers: { ...state.answers }, essays: { ...state.essays }, prediction: state.prediction };
  }

  function refreshMap() {
    mapButtons.forEach((button, index) => {
      const done = answered(index);
      button.classList.toggle("answered", done);
      const essay = index < questions.length && questions[index].choose === "text";
      const name = index === questions.length ? "Câu hỏi dự đoán" : `Câu ${index + 1}${essay ? " (tự luận)" : ""}`;
      button.setAttribute("aria-label", `${name}, ${done ? "đã trả lời" : "chưa trả lời"}`);
      if (index === state.current && mode === "one") button.setAttribute("aria-current", "step");
      else button.removeAttribute("aria-current");
    });
  }

  function changed() {
    refreshMap();
    saver.change(sheet());
  }

  function essayCard(question) {
    const key = String(question.number);
    const titleId = `q-${question.number}-title`;
    const inputId = `tu-luan-${question.number}`;
    const max = question.max_chars;
    const counter = h("p", { class: "counter muted small", id: `${inputId}-dem` });
    const area = h("textarea", {
      id: inputId, class: "essay", rows: 10, maxlength: String(max), lang: "vi", spellcheck: "true",
      "aria-describedby": `${inputId}-huong-dan ${inputId}-dem`,
    });
    area.value = state.essays[key] || "";
    const count = () => {
      counter.textContent = `${area.value.length.toLocaleString("vi-VN")}/${max.toLocaleString("vi-VN")} ký tự`;
      counter.classList.toggle("full", area.value.length >= max);
    };
    count();
    area.addEventListener("input", () => {
      count();
      if (area.value) state.essays[key] = area.value;
      else delete state.essays[key];
      refreshMap();
      saver.change(sheet(), TYPING_MS);
    });
    area.addEventListener("blur", () => saver.flush(true)); // leaving the box saves at once
    return h("section", { class: "question", id: `q-${question.number}`, "aria-labelledby": titleId },
      h("h2", { id: titleId, class: "qtitle" }, h("span", { class: "qnum" }, `Câu ${question.number}/${questions.length} — Tự luận`), h("span", { class: "stem" }, question.stem)),
      h("label", { for: inputId, class: "essay-label" }, `Bài làm câu ${question.number}`),
      h("p", { class: "muted small", id: `${inputId}-huong-dan` }, `Viết câu trả lời của bạn (tối đa ${max.toLocaleString("vi-VN")} ký tự). Bài làm được lưu tự động; Ban Giám khảo chấm câu này.`),
      area, counter);
  }

  function questionCard(question, index) {
    if (question.choose === "text") return essayCard(question);
    const key = String(question.number);
    const many = question.choose === "many";
    const legendId = `q-${question.number}-title`;
    const options = question.options.map((option) => {
      const current = state.answers[key];
      const checked = many ? Array.isArray(current) && current.includes(option.letter) : current === option.letter;
      const input = h("input", { type: many ? "checkbox" : "radio", name: `cau-${key}`, value: option.letter, checked });
      input.addEventListener("change", () => {
        if (many) {
          const chosen = [...cards[index].querySelectorAll("input:checked")].map((i) => i.value).sort();
          state.answers[key] = chosen.length ? chosen : null;
        } else {
          state.answers[key] = option.letter;
        }
        changed();
      });
      return h("label", { class: "option" }, input, h("span", { class: "letter", "aria-hidden": "true" }, option.letter), h("span", { class: "text" }, option.text));
    });
    return h("section", { class: "question", id: `q-${question.number}`, "aria-labelledby": legendId },
      h("fieldset", {},
        h("legend", { id: legendId }, h("span", { class: "qnum" }, `Câu ${question.number}/${questions.length}`), h("span", { class: "stem" }, question.stem)),
        many ? h("p", { class: "muted small" }, "Chọn một hoặc nhiều phương án.") : null,
        options));
  }

  function predictionCard() {
    const input = h("input", { id: "du-doan", type: "text", inputmode: "numeric", autocomplete: "off", "aria-describedby": "du-doan-loi", value: state.prediction ?? "" });
    const problem = h("p", { class: "field-error", id: "du-doan-loi", hidden: true }, "Vui lòng nhập một số nguyên không âm (chỉ gồm chữ số).");
    input.addEventListener("input", () => {
      const text = input.value.replace(/[\s.,]/g, "");
      if (text === "") {
        problem.hidden = true;
        input.removeAttribute("aria-invalid");
        if (state.prediction !== null) { state.prediction = null; changed(); }
      } else if (/^\d{1,9}$/.test(text)) {
        problem.hidden = true;
        input.removeAttribute("aria-invalid");
        const value = Number(text);
        if (value !== state.prediction) { state.prediction = value; changed(); }
      } else {
        problem.hidden = false;
        input.setAttribute("aria-invalid", "true");
      }
    });
    return h("section", { class: "question", id: "q-du-doan", "aria-labelledby": "du-doan-title" },
      h("h2", { id: "du-doan-title", class: "qtitle" }, "Câu hỏi dự đoán"),
      h("label", { for: "du-doan", class: "stem" }, paper.prediction.text),
      h("p", { class: "muted small" }, "Câu này không tính điểm, chỉ dùng để xếp hạng khi bằng điểm."),
      input, problem);
  }

  questions.forEach((question, index) => cards.push(questionCard(question, index)));
  if (hasPrediction) cards.push(predictionCard());
  for (let index = 0; index < total; index += 1) {
    mapButtons.push(h("button", { type: "button", class: "map-item", onclick: () => go(index, true) }, index === questions.length ? "DĐ" : String(index + 1)));
  }

  const previous = h("button", { type: "button", class: "secondary", onclick: () => go(state.current - 1, true) }, "‹ Câu trước");
  const next = h("button", { type: "button", class: "secondary", onclick: () => go(state.current + 1, true) }, "Câu sau ›");
  const pager = h("div", { class: "pager" }, previous, next);
  const toggle = h("button", { type: "button", class: "link", "aria-pressed": String(mode === "all"), onclick: () => setMode(mode === "all" ? "one" : "all") });
  const submitButton = h("button", { type: "button", class: "primary submit", onclick: confirmSubmit }, "Nộp bài");

  function go(index, focus) {
    if (index < 0 || index >= total) return;
    state.current = index;
    if (mode === "one") {
      cards.forEach((card, i) => { card.hidden = i !== index; });
      previous.disabled = index === 0;
      next.disabled = index === total - 1;
    }
    refreshMap();
    if (focus) {
      const target = cards[index];
      if (mode === "all") target.scrollIntoView({ block: "start" });
      const heading = target.querySelector("legend, h2");
      heading.tabIndex = -1;
      heading.focus({ preventScroll: mode === "one" });
    }
  }

  function setMode(value) {
    mode = value;
    window.localStorage.setItem(MODE_KEY, mode);
    toggle.textContent = mode === "all" ? "Xem từng câu" : "Xem tất cả câu hỏi";
    toggle.setAttribute("aria-pressed", String(mode === "all"));
    pager.hidden = mode === "all";
    if (mode === "all") cards.forEach((card) => { card.hidden = false; });
    go(state.current, false);
  }

  let warned = new Set();
  function tick() {
    if (state.done) return;
    const left = deadline - serverNow();
    timer.textContent = `Thời gian còn lại: ${clockText(left)}`;
    timer.classList.toggle("warning", left <= 5 * 60_000);
    for (const minutes of [5, 1]) {
      if (left <= minutes * 60_000 && left > 0 && !warned.has(minutes)) {
        warned.add(minutes);
        announce(`Còn ${minutes} phút làm bài.`);
      }
    }
    if (left <= 0 && !state.submitting) {
      document.getElementById("confirm").close();
      submit(true);
    }
  }
  const clock = window.setInterval(tick, 500);
  const onHide = (event) => { if (saver.pending && !state.done) event.preventDefault(); };
  const onShow = () => { if (!document.hidden && !state.done) { tick(); saver.flush(true); } };
  window.addEventListener("beforeunload", onHide); // unsaved answers: the browser asks first
  document.addEventListener("visibilitychange", onShow); // a phone waking up saves at once

  function confirmSubmit() {
    const missing = questions.map((q, i) => (answered(i) ? null : q.number)).filter((n) => n !== null);
    const body = document.getElementById("confirm-text");
    const parts = [];
    if (missing.length) parts.push(h("p", { class: "warning-text" }, `Bạn chưa trả lời ${missing.length} câu: ${missing.join(", ")}.`));
    else parts.push(h("p", {}, "Bạn đã trả lời tất cả các câu hỏi."));
    if (hasPrediction && state.prediction === null) parts.push(h("p", { class: "warning-text" }, "Bạn chưa trả lời câu hỏi dự đoán."));
    parts.push(h("p", {}, "Sau khi nộp, bạn không thể sửa bài."));
    body.replaceChildren(...parts);
    const dialog = document.getElementById("confirm");
    document.getElementById("confirm-back").onclick = () => dialog.close();
    document.getElementById("confirm-submit").onclick = () => { dialog.close(); submit(false); };
    dialog.showModal();
    document.getElementById("confirm-back").focus();
  }

  async function submit(auto) {
    if (state.submitting) return;
    state.submitting = true;
    saver.stop();
    submitButton.disabled = true;
    statusLine.dataset.state = "saving";
    statusLine.textContent = auto ? "Hết giờ — đang nộp bài tự động…" : "Đang nộp bài…";
    announce(statusLine.textContent);
    let delay = 1000;
    for (;;) {
      try {
        const result = await api.submit(ref, sheet());
        finish(result.receipt, result.notice, auto);
        return;
      } catch (error) {
        if (error instanceof ApiError && error.data.receipt) { finish(error.data.receipt, error.message, auto); return; }
        if (error instanceof ApiError && error.status !== 429) {
          statusLine.textContent = `Không nộp được bài: ${error.message}`;
          statusLine.dataset.state = "error";
          state.submitting = false;
          submitButton.disabled = false;
          return;
        }
        statusLine.textContent = "Chưa nộp được — đang thử lại… (bài của bạn vẫn được giữ)";
        await sleep(delay * (0.75 + Math.random() / 2));
        delay = Math.min(delay * 2, 20_000);
      }
    }
  }

  function finish(receipt, notice, auto) {
    if (state.done) return;
    state.done = true;
    saver.stop();
    saver.forget();
    window.clearInterval(clock);
    window.removeEventListener("beforeunload", onHide);
    document.removeEventListener("visibilitychange", onShow);
    onSubmitted(receipt, notice, auto);
  }

  const map = h("nav", { class: "map", "aria-label": "Bản đồ câu hỏi" }, h("ol", {}, mapButtons.map((b) => h("li", {}, b))));
  const bar = h("div", { class: "paper-bar" }, h("h1", { class: "paper-title" }, title), timer, statusLine);
  show(h("section", { class: "paper", "aria-label": paper.title }, bar,
    h("details", { class: "map-box", open: true }, h("summary", {}, "Bản đồ câu hỏi"), map, h("p", { class: "muted small" }, "Ô tô đậm: đã trả lời.")),
    h("p", { class: "mode" }, toggle),
    h("div", { class: "cards" }, cards),
    pager,
    h("div", { class: "submit-row" }, submitButton)));
  setMode(mode);
  tick();
  if (local && !local.synced && local.sheet) saver.change(sheet()); // send what this device kept
}
