/* Certificate check, entirely in the browser: no request leaves the page.
   certificates.js sets window.DANCOSO_CERTIFICATES = {sha256(code): record}; a record holds the
   award (a), context (c), date (d), status (s), a salted hash of the holder's name (n) and,
   only when the holder agreed to publication, the name (h) and unit (u). */
(function () {
  "use strict";
  var K = [
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
    0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
    0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
    0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
    0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
    0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
    0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
    0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2
  ];

  function sha256(text) {
    var bytes = new TextEncoder().encode(text);
    var length = bytes.length;
    var padded = new Uint8Array(((length + 9 + 63) >> 6) << 6);
    padded.set(bytes);
    padded[length] = 0x80;
    var bits = length * 8;
    var view = new DataView(padded.buffer);
    view.setUint32(padded.length - 4, bits >>> 0);
    view.setUint32(padded.length - 8, Math.floor(bits / 0x100000000));
    var h = [0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19];
    var w = new Array(64);
    for (var offset = 0; offset < padded.length; offset += 64) {
      for (var i = 0; i < 16; i++) w[i] = view.getUint32(offset + i * 4);
      for (i = 16; i < 64; i++) {
        var a = w[i - 15], b = w[i - 2];
        var s0 = ((a >>> 7) | (a << 25)) ^ ((a >>> 18) | (a << 14)) ^ (a >>> 3);
        var s1 = ((b >>> 17) | (b << 15)) ^ ((b >>> 19) | (b << 13)) ^ (b >>> 10);
        w[i] = (w[i - 16] + s0 + w[i - 7] + s1) | 0;
      }
      var x = h.slice();
      for (i = 0; i < 64; i++) {
        var e = x[4], f = x[0];
        var S1 = ((e >>> 6) | (e << 26)) ^ ((e >>> 11) | (e << 21)) ^ ((e >>> 25) | (e << 7));
        var ch = (e & x[5]) ^ (~e & x[6]);
        var t1 = (x[7] + S1 + ch + K[i] + w[i]) | 0;
        var S0 = ((f >>> 2) | (f << 30)) ^ ((f >>> 13) | (f << 19)) ^ ((f >>> 22) | (f << 10));
        var maj = (f & x[1]) ^ (f & x[2]) ^ (x[1] & x[2]);
        var t2 = (S0 + maj) | 0;
        x = [(t1 + t2) | 0, x[0], x[1], x[2], (x[3] + t1) | 0, x[4], x[5], x[6]];
      }
      for (i = 0; i < 8; i++) h[i] = (h[i] + x[i]) | 0;
    }
    // Unpadded base64url of the 32 bytes, as the Python side writes it.
    var binary = "";
    h.forEach(function (v) {
      binary += String.fromCharCode((v >>> 24) & 255, (v >>> 16) & 255, (v >>> 8) & 255, v & 255);
    });
    return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
  }

  function normaliseCode(raw) {
    var code = (raw || "").replace(/[\s-]/g, "").toUpperCase()
      .replace(/O/g, "0").replace(/[IL]/g, "1").replace(/U/g, "V");
    if (!/^[0-9A-Z]{16}$/.test(code)) return code;
    return code.slice(0, 4) + "-" + code.slice(4, 8) + "-" + code.slice(8, 12) + "-" + code.slice(12);
  }

  function nameKey(raw) {
    return (raw || "").normalize("NFC").trim().split(/\s+/).join(" ").toLowerCase();
  }

  function show(box, ok, lines) {
    box.className = ok ? "valid" : "invalid";
    box.textContent = "";
    lines.forEach(function (line, index) {
      var p = document.createElement(index === 0 ? "strong" : "p");
      p.textContent = line;
      box.appendChild(p);
    });
  }

  window.dancosoVerify = { sha256: sha256, normaliseCode: normaliseCode, nameKey: nameKey };

  document.addEventListener("DOMContentLoaded", function () {
    var form = document.getElementById("verify-form");
    if (!form) return;
    var texts = JSON.parse(document.getElementById("verify-texts").textContent);
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var box = document.getElementById("verify-result");
      var code = normaliseCode(document.getElementById("verify-code").value);
      var name = document.getElementById("verify-name").value;
      var record = (window.DANCOSO_CERTIFICATES || {})[sha256(code)];
      if (!record) {
        show(box, false, [texts.unknown.replace("{code}", code)]);
        return;
      }
      if (record.s !== "valid") {
        show(box, false, [texts.revoked.replace("{code}", code)]);
        return;
      }
      var lines = [texts.valid, record.a + " — " + record.c, texts.issued.replace("{date}", record.d)];
      if (record.h) lines.push(texts.holder.replace("{holder}", record.h + (record.u ? " — " + record.u : "")));
      else lines.push(texts.hidden);
      if (nameKey(name)) {
        if (sha256(code + "|" + nameKey(name)) === record.n) lines.push(texts.name_ok);
        else {
          show(box, false, [texts.name_bad.replace("{name}", name)]);
          return;
        }
      }
      show(box, true, lines);
    });
  });
})();
