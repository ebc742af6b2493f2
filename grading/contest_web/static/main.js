// The contest page: home (rules, rounds), registration, my rounds, the paper, the receipt.

import { api, ApiError } from "./api.js";
import { durationText, h, show } from "./dom.js";
import { loginView, registrationView } from "./forms.js";
import { paperView } from "./sheet.js";

const STATE_TEXT = { upcoming: "Chưa mở", open: "Đang mở", closed: "Đã kết thúc" };
let info = null;

function problem(error) {
  return h("p", { class: "notice", role: "alert" }, error.message);
}

function questionsText(round) {
  const essays = round.essays || 0;
  if (!essays) return `${round.questions} câu hỏi trắc nghiệm`;
  if (essays === round.questions) return `${round.questions} câu hỏi tự luận`;
  return `${round.questions} câu hỏi (${round.questions - essays} trắc nghiệm, ${essays} tự luận)`;
}

function roundFacts(round) {
  return h("ul", { class: "facts" },
    h("li", {}, `Thời gian: từ ${round.opens_text} đến ${round.closes_text}`),
    h("li", {}, `${questionsText(round)}, ${round.time_limit_minutes} phút mỗi lượt`),
    h("li", {}, `Tối đa ${round.attempts} lượt thi${round.practice ? "; có thi thử" : ""}`));
}

function rules(round) {
  return h("details", { class: "rules" }, h("summary", {}, `Thể lệ ${round.title}`),
    round.rules.filter((line) => line.kind === "item").length
      ? h("ul", {}, round.rules.filter((l) => l.kind === "item").map((l) => h("li", {}, l.text)))
      : null,
    round.rules.filter((l) => l.kind === "text").map((l) => h("p", {}, l.text)));
}

function homeView() {
  const actions = h("div", { class: "actions stack" },
    h("button", { type: "button", class: "primary", onclick: () => registrationView(info, handlers) }, "Đăng ký dự thi"),
    info.login_fields.length
      ? h("button", { type: "button", class: "secondary", onclick: () => loginView(info, handlers) }, "Đã đăng ký? Đăng nhập lại")
      : null);
  show(h("section", { "aria-labelledby": "home-title" },
    h("h1", { id: "home-title" }, info.contest.title),
    h("p", { class: "muted" }, info.contest.organiser),
    actions,
    info.rounds.map((round) => h("article", { class: "card" },
      h("h2", {}, round.title, " ", h("span", { class: `badge ${round.state}` }, STATE_TEXT[round.state])),
      roundFacts(round), rules(round)))));
}

async function roundsView(participant, notice) {
  let me;
  try {
    me = await api.me();
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) return homeView();
    return show(h("section", {}, h("h1", {}, "Không tải được trang"), problem(error),
      h("button", { type: "button", class: "primary", onclick: () => roundsView(participant) }, "Thử lại")));
  }
  const byId = new Map(me.rounds.map((r) => [r.id, r]));
  const cards = info.rounds.map((round) => {
    const mine = byId.get(round.id);
    const buttons = [];
    for (const open of mine.open) {
      const label = open.kind === "practice" ? "Tiếp tục thi thử" : `Tiếp tục làm bài (lượt ${open.number})`;
      buttons.push(h("button", { type: "button", class: "primary", onclick: () => begin(round.id, open.kind === "practice", me.participant) }, label));
    }
    if (mine.state === "open" && !mine.open.some((a) => a.kind === "official") && mine.attempts_left > 0) {
      buttons.push(h("button", { type: "button", class: "primary", onclick: () => begin(round.id, false, me.participant) }, `Bắt đầu làm bài (lượt ${mine.attempts_used + 1})`));
    }
    if (mine.state === "open" && round.practice && !mine.open.some((a) => a.kind === "practice")) {
      buttons.push(h("button", { type: "button", class: "secondary", onclick: () => begin(round.id, true, me.participant) }, "Thi thử"));
    }
    const submitted = mine.submitted.map((a) => h("li", {}, `${a.kind === "practice" ? "Thi thử" : `Lượt ${a.number}`}: đã nộp lúc ${a.submitted_text}`));
    return h("article", { class: "card" },
      h("h2", {}, round.title, " ", h("span", { class: `badge ${mine.state}` }, STATE_TEXT[mine.state])),
      roundFacts(round),
      h("p", {}, `Bạn đã dùng ${mine.attempts_used}/${round.attempts} lượt thi.`),
      submitted.length ? h("ul", { class: "done" }, submitted) : null,
      buttons.length ? h("div", { class: "actions stack" }, buttons) : null,
      rules(round));
  });
  show(h("section", { "aria-labelledby": "me-title" },
    h("h1", { id: "me-title" }, "Trang dự thi của tôi"),
    notice ? h("p", { class: "notice ok", role: "status" }, notice) : null,
    h("p", {}, "Mã người dự thi: ", h("strong", { class: "code" }, me.participant)),
    cards,
    h("p", {}, h("button", { type: "button", class: "link", onclick: logout }, "Đăng xuất khỏi máy này"))));
  const open = me.rounds.flatMap((r) => r.open.map((a) => ({ ...a, round: r.id })));
  const official = open.find((a) => a.kind === "official");
  if (official && !notice) begin(official.round, false, me.participant); // back to the paper
}

async function begin(roundId, practice, participant) {
  try {
    const started = await api.start(roundId, practice);
    paperView(started, participant, {
      onSubmitted: (receipt, notice, auto) => receiptView(receipt, notice, auto, participant),
    });
  } catch (error) {
    show(h("section", {}, h("h1", {}, "Không bắt đầu được"), problem(error),
      h("button", { type: "button", class: "primary", onclick: () => roundsView(participant, error.message) }, "Về trang dự thi của tôi")));
  }
}

function receiptView(receipt, notice, auto, participant) {
  const rows = [
    ["Đợt thi", receipt.round_title],
    ["Lượt", receipt.kind === "practice" ? "Thi thử" : String(receipt.number)],
    ["Nộp lúc", receipt.submitted_text],
    ["Thời gian làm bài", durationText(receipt.duration_seconds)],
    ["Số câu đã trả lời", `${receipt.answered}/${receipt.questions}`],
    ["Câu chưa trả lời", receipt.unanswered.length ? receipt.unanswered.join(", ") : "Không có"],
    ["Dự đoán", receipt.prediction === null ? "Chưa trả lời" : String(receipt.prediction)],
    ["Mã xác nhận bài nộp", receipt.code],
  ];
  if (receipt.score) rows.push(["Kết quả thi thử", `${receipt.score.correct}/${receipt.score.questions} câu đúng`]);
  show(h("section", { "aria-labelledby": "receipt-title", class: "receipt" },
    h("h1", { id: "receipt-title" }, "Đã nộp bài"),
    auto ? h("p", { class: "notice" }, "Hết giờ làm bài: bài đã được nộp tự động với các câu trả lời đã lưu.") : null,
    notice ? h("p", { class: "notice" }, notice) : null,
    h("dl", {}, rows.flatMap(([term, value]) => [h("dt", {}, term), h("dd", {}, value)])),
    h("p", {}, receipt.kind === "practice"
      ? "Kết quả thi thử không được tính."
      : "Kết quả chính thức do Ban Tổ chức công bố sau khi đợt thi kết thúc. Hãy ghi lại mã xác nhận để đối chiếu khi cần."),
    h("button", { type: "button", class: "primary", onclick: () => roundsView(participant, "Bài của bạn đã được nộp.") }, "Về trang dự thi của tôi")));
}

async function logout() {
  try { await api.logout(); } catch { /* the cookie goes anyway on the next load */ }
  homeView();
}

const handlers = {
  onDone: (participant, isNew) => roundsView(participant, isNew ? "Đăng ký thành công. Chúc bạn làm bài tốt!" : "Đăng nhập thành công."),
  onLogin: () => loginView(info, handlers),
  onRegister: () => registrationView(info, handlers),
  onBack: () => homeView(),
};

async function boot() {
  try {
    info = await api.contest();
  } catch (error) {
    show(h("section", {}, h("h1", {}, "Không tải được trang thi"), problem(error),
      h("button", { type: "button", class: "primary", onclick: boot }, "Thử lại")));
    return;
  }
  roundsView(null);
}

boot();
