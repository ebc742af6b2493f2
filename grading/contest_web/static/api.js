// The JSON API client: one function per call, server time with clock-skew correction.

export class ApiError extends Error {
  constructor(status, data) {
    super((data && data.message) || `Lỗi ${status}`);
    this.status = status;
    this.data = data || {};
  }
}

export class NetworkError extends Error {
  constructor() {
    super("Không kết nối được với máy chủ.");
  }
}

// Server time = Date.now() + skew. Each answer carries the server's "now"; the sample with
// the shortest round trip is the most precise, so it wins (re-measured if it grows old).
let skew = 0;
let bestTrip = Infinity;
let bestAt = 0;

function parseTime(text) {
  // "2026-12-01T09:14:03.120044+07:00": keep milliseconds only, for every browser.
  return Date.parse(text.replace(/(\.\d{3})\d+/, "$1"));
}

function learnTime(serverText, sent, received) {
  const server = parseTime(serverText);
  if (Number.isNaN(server)) return;
  const trip = received - sent;
  if (trip <= bestTrip * 1.5 || received - bestAt > 60_000) {
    skew = server - (sent + received) / 2;
    bestTrip = Math.min(trip, bestTrip);
    bestAt = received;
  }
}

export function serverNow() {
  return Date.now() + skew;
}

export { parseTime };

export async function call(method, path, body, { timeout = 15_000 } = {}) {
  const controller = new AbortController();
  const timer = window.setTimeout(() => controller.abort(), timeout);
  const options = { method, credentials: "same-origin", cache: "no-store", signal: controller.signal };
  if (body !== undefined) {
    options.headers = { "Content-Type": "application/json" };
    options.body = JSON.stringify(body);
  }
  const sent = Date.now();
  let response;
  try {
    response = await fetch(path, options);
  } catch {
    throw new NetworkError();
  } finally {
    window.clearTimeout(timer);
  }
  let data = null;
  try {
    data = await response.json();
  } catch {
    data = null;
  }
  if (data && typeof data.now === "string") learnTime(data.now, sent, Date.now());
  if (!response.ok) {
    if (response.status >= 500 || response.status === 408) throw new NetworkError();
    throw new ApiError(response.status, data);
  }
  return data;
}

export const api = {
  contest: () => call("GET", "/api/contest"),
  me: () => call("GET", "/api/me"),
  register: (values, consent, publishConsent) =>
    call("POST", "/api/register", { values, consent, publish_consent: publishConsent }),
  login: (values) => call("POST", "/api/login", { values }),
  logout: () => call("POST", "/api/logout", {}),
  start: (round, practice) =>
    call("POST", `/api/rounds/${encodeURIComponent(round)}/start`, { practice }),
  save: (ref, sheet) => call("PUT", `${attemptPath(ref)}/answers`, sheet),
  submit: (ref, sheet) => call("POST", `${attemptPath(ref)}/submit`, sheet, { timeout: 30_000 }),
};

function attemptPath(ref) {
  return `/api/rounds/${encodeURIComponent(ref.round)}/${ref.kind}/${ref.number}`;
}
