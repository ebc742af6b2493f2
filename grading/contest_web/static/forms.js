// Registration (the spec's fields, consent unticked) and logging in again.
// The server validates everything; the page only shows its messages next to the fields.

import { api, ApiError } from "./api.js";
import { h, show, announce } from "./dom.js";

const KIND_INPUT = {
  name: { type: "text", autocomplete: "name" },
  date_of_birth: { type: "date", autocomplete: "bday" },
  phone: { type: "tel", inputmode: "tel", autocomplete: "tel", placeholder: "Ví dụ: 0912345678" },
  cccd: { type: "text", inputmode: "numeric", autocomplete: "off", maxlength: "12", placeholder: "12 chữ số" },
  email: { type: "email", autocomplete: "email" },
  text: { type: "text" },
};

function errorSlot(key) {
  return h("p", { class: "field-error", id: `err-${key}`, hidden: true });
}

function fieldControl(field) {
  const id = `f-${field.name}`;
  const described = `err-${field.name}`;
  const label = h("label", { for: id }, field.label, field.required ? h("span", { class: "req", "aria-hidden": "true" }, " *") : null);
  if (field.kind === "choice") {
    return h("fieldset", { class: "field", id, "aria-describedby": described },
      h("legend", {}, field.label, field.required ? h("span", { class: "req", "aria-hidden": "true" }, " *") : null),
      field.choices.map((choice, index) =>
        h("label", { class: "choice" },
          h("input", { type: "radio", name: field.name, value: choice, required: field.required && index === 0 }),
          h("span", {}, choice))),
      errorSlot(field.name));
  }
  let control;
  if (field.kind === "unit") {
    control = h("select", { id, name: field.name, required: field.required, "aria-describedby": described },
      h("option", { value: "" }, "— Chọn đơn vị —"));
    const groups = new Map();
    for (const option of field.options) {
      const item = h("option", { value: option.value }, option.label);
      if (!option.group) { control.append(item); continue; }
      if (!groups.has(option.group)) {
        groups.set(option.group, h("optgroup", { label: option.group }));
        control.append(groups.get(option.group));
      }
      groups.get(option.group).append(item);
    }
  } else {
    const extra = KIND_INPUT[field.kind] || KIND_INPUT.text;
    control = h("input", { id, name: field.name, required: field.required, "aria-describedby": described, ...extra });
    if (field.kind === "date_of_birth") control.max = new Date().toISOString().slice(0, 10);
  }
  return h("div", { class: "field" }, label, control, errorSlot(field.name));
}

function values(form, fields) {
  const data = new FormData(form);
  const result = {};
  for (const field of fields) {
    const value = data.get(field.name);
    if (value !== null && String(value).trim() !== "") result[field.name] = String(value);
  }
  return result;
}

function clearErrors(form) {
  for (const slot of form.querySelectorAll(".field-error")) { slot.hidden = true; slot.textContent = ""; }
  for (const bad of form.querySelectorAll("[aria-invalid]")) bad.removeAttribute("aria-invalid");
}

function showErrors(form, summary, error) {
  const problems = error instanceof ApiError ? error.data.problems || [] : [];
  summary.replaceChildren(h("p", {}, error.message));
  if (problems.length) summary.append(h("ul", {}, problems.map((p) => h("li", {}, p.message))));
  summary.hidden = false;
  let first = null;
  for (const problem of problems) {
    const slot = form.querySelector(`#err-${CSS.escape(problem.field)}`);
    if (!slot) continue;
    slot.textContent = problem.message;
    slot.hidden = false;
    const control = form.querySelector(`[name="${CSS.escape(problem.field)}"], #f-${CSS.escape(problem.field)}`);
    if (control) { control.setAttribute("aria-invalid", "true"); first = first || control; }
  }
  summary.focus();
  announce(error.message);
}

async function sending(button, work) {
  button.disabled = true;
  const label = button.textContent;
  button.textContent = "Đang gửi…";
  try {
    return await work();
  } finally {
    button.disabled = false;
    button.textContent = label;
  }
}

export function registrationView(info, { onDone, onLogin, onBack }) {
  const fields = info.registration.fields;
  const summary = h("div", { class: "problems", role: "alert", tabindex: "-1", hidden: true });
  const consent = info.consent;
  const consentBox = h("input", { type: "checkbox", id: "f-consent", name: "consent", "aria-describedby": "err-consent consent-text" });
  const publishBox = consent.publish_text ? h("input", { type: "checkbox", id: "f-publish", name: "publish_consent" }) : null;
  const button = h("button", { type: "submit", class: "primary" }, "Đăng ký dự thi");
  const form = h("form", { novalidate: true, class: "form" },
    summary,
    h("p", { class: "muted" }, "Các mục có dấu * là bắt buộc. Thông tin phải đúng với căn cước công dân; sau khi đăng ký không sửa được."),
    fields.map(fieldControl),
    h("fieldset", { class: "consent" },
      h("legend", {}, "Đồng ý xử lý dữ liệu cá nhân"),
      h("p", { id: "consent-text" }, consent.text),
      h("label", { class: "choice", for: "f-consent" }, consentBox, h("span", {}, "Tôi đã đọc và đồng ý (bắt buộc để dự thi)")),
      errorSlot("consent"),
      publishBox ? h("label", { class: "choice", for: "f-publish" }, publishBox, h("span", {}, consent.publish_text + " (không bắt buộc)")) : null,
      h("p", { class: "muted small" }, `Phiên bản nội dung đồng ý: ${consent.version}`)),
    h("div", { class: "actions" },
      h("button", { type: "button", class: "secondary", onclick: onBack }, "Quay lại"),
      button),
    info.login_fields.length
      ? h("p", {}, "Đã đăng ký rồi? ", h("button", { type: "button", class: "link", onclick: onLogin }, "Đăng nhập lại"))
      : null);
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    clearErrors(form);
    summary.hidden = true;
    try {
      const result = await sending(button, () => api.register(values(form, fields), consentBox.checked, publishBox ? publishBox.checked : false));
      onDone(result.participant, true);
    } catch (error) {
      showErrors(form, summary, error);
    }
  });
  show(h("section", { "aria-labelledby": "reg-title" }, h("h1", { id: "reg-title" }, "Đăng ký dự thi"), form));
}

export function loginView(info, { onDone, onRegister }) {
  const wanted = new Set(info.login_fields);
  const fields = info.registration.fields.filter((f) => wanted.has(f.name)).map((f) => ({ ...f, required: true }));
  const summary = h("div", { class: "problems", role: "alert", tabindex: "-1", hidden: true });
  const button = h("button", { type: "submit", class: "primary" }, "Đăng nhập");
  const form = h("form", { novalidate: true, class: "form" },
    summary,
    h("p", {}, "Nhập đúng thông tin bạn đã dùng khi đăng ký để tiếp tục dự thi trên máy này."),
    fields.map(fieldControl),
    h("div", { class: "actions" },
      h("button", { type: "button", class: "secondary", onclick: onRegister }, "Đăng ký mới"),
      button));
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    clearErrors(form);
    summary.hidden = true;
    try {
      const result = await sending(button, () => api.login(values(form, fields)));
      onDone(result.participant, false);
    } catch (error) {
      showErrors(form, summary, error);
    }
  });
  show(h("section", { "aria-labelledby": "login-title" }, h("h1", { id: "login-title" }, "Đăng nhập lại"), form));
}
