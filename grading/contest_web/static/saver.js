// Saving every change: one request in flight, numbered saves (seq), a copy on this device,
// and retries with backoff while the network is down. Nothing is dropped: the latest sheet
// is always what gets sent next. Typing (an essay) waits for a pause before it is sent; the
// copy on this device is kept at every keystroke.

import { api, ApiError, NetworkError } from "./api.js";

const MAX_DELAY = 20_000;

export class Saver {
  constructor(ref, { seq = 0, onStatus, onClosed, storageKey }) {
    this.ref = ref;
    this.seq = seq;
    this.savedSeq = seq;
    this.sheet = null;
    this.inFlight = false;
    this.stopped = false;
    this.delay = 1000;
    this.retryTimer = null;
    this.typingTimer = null;
    this.onStatus = onStatus;
    this.onClosed = onClosed;
    this.storageKey = storageKey;
    this.online = () => this.flush(true);
    window.addEventListener("online", this.online);
  }

  // A new sheet: sent at once, or after `delay` ms without another change (typing).
  change(sheet, delay = 0) {
    this.seq += 1;
    this.sheet = sheet;
    this.remember(false);
    window.clearTimeout(this.typingTimer);
    this.typingTimer = null;
    if (delay > 0) {
      if (!this.retryTimer && !this.stopped) this.onStatus("saving");
      this.typingTimer = window.setTimeout(() => { this.typingTimer = null; this.flush(true); }, delay);
    } else {
      this.flush(true);
    }
  }

  remember(synced) {
    try {
      window.localStorage.setItem(this.storageKey, JSON.stringify({ seq: this.seq, sheet: this.sheet, synced }));
    } catch {
      // private mode or full storage: the server copy is what counts
    }
  }

  forget() {
    try { window.localStorage.removeItem(this.storageKey); } catch { /* nothing kept */ }
  }

  stop() {
    this.stopped = true;
    window.clearTimeout(this.retryTimer);
    window.clearTimeout(this.typingTimer);
    window.removeEventListener("online", this.online);
  }

  get pending() {
    return this.savedSeq < this.seq;
  }

  async flush(now = false) {
    if (now) {
      window.clearTimeout(this.retryTimer);
      window.clearTimeout(this.typingTimer);
      this.retryTimer = null;
      this.typingTimer = null;
    }
    if (this.stopped || this.inFlight || this.retryTimer || this.typingTimer || !this.pending) return;
    const seq = this.seq;
    this.inFlight = true;
    this.onStatus("saving");
    let again = false;
    try {
      const result = await api.save(this.ref, { ...this.sheet, seq });
      if (result.stale && result.seq >= this.seq) {
        this.seq = result.seq + 1; // another tab or phone saved later: this device's sheet wins
      } else {
        this.savedSeq = Math.max(this.savedSeq, seq);
      }
      this.delay = 1000;
      if (!this.pending) { this.remember(true); this.onStatus("saved", result.saved_at); }
      again = this.pending;
    } catch (error) {
      if (error instanceof ApiError && (error.status === 409 || error.status === 404)) {
        this.stop();
        this.onClosed(error);
      } else if (error instanceof ApiError && (error.status === 400 || error.status === 413)) {
        this.onStatus("error", error.message); // this sheet was refused (too long…): the next change is sent
      } else if (error instanceof ApiError && error.status !== 429) {
        this.stop();
        this.onStatus("error", error.message);
      } else {
        this.onStatus(error instanceof NetworkError && !navigator.onLine ? "offline" : "retrying");
        const wait = this.delay * (0.75 + Math.random() / 2);
        this.delay = Math.min(this.delay * 2, MAX_DELAY);
        this.retryTimer = window.setTimeout(() => { this.retryTimer = null; this.flush(); }, wait);
      }
    } finally {
      this.inFlight = false;
    }
    if (again) this.flush();
  }
}
