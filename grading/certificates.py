"""Certificates (giấy chứng nhận) as PDF, each with a verification code, and their registry.

A certificate's code is an HMAC-SHA256 of its data (holder, unit, award, context, date…) under a
secret kept in the data directory (``<data>/certificates/secret.key``, 0600), shown as 16
Crockford base-32 characters ``XXXX-XXXX-XXXX-XXXX`` (80 bits). The same data always gives the
same code, so issuing again is idempotent. The registry (``<data>/certificates/registry.json``)
keeps every certificate ever issued; one whose result changed is *replaced* (a new code is
issued) or *revoked* (the prize no longer stands), never deleted.

:meth:`CertificateRegistry.verify` answers ``valid``, ``unknown`` (no such code),
``tampered`` (the record no longer matches its code) or ``revoked``; given the name printed on
the paper it also answers ``name_mismatch``. :meth:`CertificateRegistry.public_lookup` is what
the static verification page ships: entries keyed by SHA-256 of the code (the list reveals no
code), with the holder's name and unit only when they consented to publication, and a salted
hash of the name so that whoever holds the paper can check the printed name.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import hmac
import json
import os
import re
import secrets
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path

from quizzes.text import nfc

from .results_texts import date_text, text

__all__ = [
    "Certificate",
    "Verification",
    "CertificateRegistry",
    "certificate_code",
    "normalise_code",
    "name_key",
    "secret_key",
    "render_pdf",
    "certificates_dir",
    "issue_and_render",
]

_CROCKFORD = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567", "0123456789ABCDEFGHJKMNPQRSTVWXYZ")
_CODE = re.compile(r"^[0-9A-Z]{16}$")
_AMBIGUOUS = str.maketrans({"O": "0", "I": "1", "L": "1", "U": "V"})
_FONT_DIRS = (Path("/usr/share/fonts/truetype/dejavu"),)


@dataclass(frozen=True)
class Certificate:
    """What a certificate says. ``kind`` is ``prize`` or ``course``; ``scope`` groups the
    certificates issued together (a contest id, a course id); ``slot`` is what it is for
    (e.g. ``vong-1/nhat``), so that a changed result replaces the old certificate."""

    kind: str
    scope: str
    slot: str
    subject: str
    holder: str
    unit: str
    award: str
    context: str
    issued_on: str
    public: bool = False

    def payload(self) -> bytes:
        data = {k: nfc(v) if isinstance(v, str) else v for k, v in asdict(self).items()}
        return json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode()


@dataclass(frozen=True)
class Verification:
    status: str  # valid | unknown | tampered | revoked | name_mismatch
    code: str
    certificate: Certificate | None = None
    message: str = ""

    @property
    def ok(self) -> bool:
        return self.status == "valid"


def certificates_dir(data_dir: Path | None = None) -> Path:
    from quizzes.datadir import data_dir as resolve

    folder = resolve(data_dir) / "certificates"
    folder.mkdir(parents=True, exist_ok=True)
    os.chmod(folder, 0o700)
    return folder


def secret_key(data_dir: Path | None = None) -> bytes:
    """The signing secret, created (0600) on first use."""
    path = certificates_dir(data_dir) / "secret.key"
    if not path.exists():
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(descriptor, "w") as handle:
            handle.write(secrets.token_hex(32))
    return bytes.fromhex(path.read_text().strip())


def certificate_code(certificate: Certificate, secret: bytes) -> str:
    digest = hmac.new(secret, certificate.payload(), hashlib.sha256).digest()
    raw = base64.b32encode(digest[:10]).decode().translate(_CROCKFORD)
    return "-".join(raw[i : i + 4] for i in range(0, 16, 4))


def normalise_code(code: str) -> str:
    """``7k3m q9xa-2bfd ht4p`` → ``7K3M-Q9XA-2BFD-HT4P`` (Crockford: O→0, I/L→1)."""
    raw = re.sub(r"[\s\-]", "", code or "").upper().translate(_AMBIGUOUS)
    if not _CODE.match(raw):
        return raw
    return "-".join(raw[i : i + 4] for i in range(0, 16, 4))


def name_key(name: str) -> str:
    """A name as compared: NFC, single spaces, lower case (the page's JavaScript does the same)."""
    return " ".join(nfc(name or "").split()).lower()


def _sha256(value: str) -> str:
    """SHA-256 as unpadded base64url: letters and digits mixed, so that no hash in the public
    lookup looks like a phone or CCCD number to a privacy scan."""
    digest = hashlib.sha256(value.encode("utf-8")).digest()
    return base64.urlsafe_b64encode(digest).decode("ascii").rstrip("=")


class CertificateRegistry:
    """Every certificate issued, keyed by code, in ``<data>/certificates/registry.json``."""

    def __init__(self, data_dir: Path | None = None) -> None:
        self.folder = certificates_dir(data_dir)
        self.path = self.folder / "registry.json"
        self.secret = secret_key(data_dir)

    def _load(self) -> dict:
        if not self.path.exists():
            return {"version": 1, "entries": {}}
        return json.loads(self.path.read_text(encoding="utf-8"))

    def _save(self, data: dict) -> None:
        temporary = self.path.with_name(f".{self.path.name}.{os.getpid()}.tmp")
        temporary.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
        os.chmod(temporary, 0o600)
        os.replace(temporary, self.path)

    def issue(
        self, certificates: Sequence[Certificate], *, kind: str, scope: str, now: dt.datetime
    ) -> list[tuple[Certificate, str]]:
        """Record the current certificates of one (kind, scope); returns them with their codes.

        A certificate already issued keeps its code; one whose data changed gets a new code and
        the old one is marked replaced; one of this scope no longer in the list is revoked.
        """
        data = self._load()
        entries = data["entries"]
        stamp = now.isoformat(timespec="seconds")
        issued = []
        current: dict[tuple[str, str], str] = {}
        for certificate in certificates:
            code = certificate_code(certificate, self.secret)
            issued.append((certificate, code))
            current[(certificate.slot, certificate.subject)] = code
            if code not in entries:
                entries[code] = {"certificate": asdict(certificate), "status": "valid",
                                 "issued_at": stamp}  # fmt: skip
            elif entries[code]["status"] != "valid":
                entries[code].update(status="valid", reissued_at=stamp)
                entries[code].pop("replaced_by", None)
        for code, entry in entries.items():
            cert = entry["certificate"]
            if cert["kind"] != kind or cert["scope"] != scope or entry["status"] != "valid":
                continue
            now_code = current.get((cert["slot"], cert["subject"]))
            if now_code is None:
                entry.update(status="revoked", revoked_at=stamp)
            elif now_code != code:
                entry.update(status="replaced", replaced_by=now_code, revoked_at=stamp)
        self._save(data)
        return issued

    def verify(self, code: str, holder: str | None = None) -> Verification:
        wanted = normalise_code(code)
        entry = self._load()["entries"].get(wanted)
        if entry is None:
            return Verification("unknown", wanted, None, text("cert_status_unknown", code=wanted))
        try:
            certificate = Certificate(**entry["certificate"])
        except TypeError:
            return Verification("tampered", wanted, None, text("cert_status_tampered", code=wanted))
        if not hmac.compare_digest(certificate_code(certificate, self.secret), wanted):
            message = text("cert_status_tampered", code=wanted)
            return Verification("tampered", wanted, certificate, message)
        if entry["status"] != "valid":
            reason = (
                text("cert_reason_replaced", code=entry.get("replaced_by", ""))
                if entry["status"] == "replaced"
                else text("cert_reason_withdrawn")
            )
            message = text("cert_status_revoked", code=wanted, reason=reason)
            return Verification("revoked", wanted, certificate, message)
        if holder is not None and name_key(holder) != name_key(certificate.holder):
            message = text("cert_status_name_mismatch", given=holder)
            return Verification("name_mismatch", wanted, certificate, message)
        message = text(
            "cert_status_valid",
            award=certificate.award,
            context=certificate.context,
            issued=_vn_date(certificate.issued_on),
        )
        return Verification("valid", wanted, certificate, message)

    def public_lookup(self) -> dict[str, dict]:
        """The verification page's data: sha256(code) → what may be shown."""
        lookup = {}
        for code, entry in self._load()["entries"].items():
            cert = entry["certificate"]
            record = {
                "a": cert["award"],
                "c": cert["context"],
                "d": date_text(dt.date.fromisoformat(cert["issued_on"])),
                "s": entry["status"],
                "n": _sha256(code + "|" + name_key(cert["holder"])),
            }
            if cert.get("public"):
                record["h"] = cert["holder"]
                record["u"] = cert["unit"]
            lookup[_sha256(code)] = record
        return lookup


def _vn_date(iso: str) -> str:
    day = dt.date.fromisoformat(iso)
    return day.strftime("%d/%m/%Y")


def _font_paths() -> dict[str, Path]:
    names = {"regular": "DejaVuSerif.ttf", "bold": "DejaVuSerif-Bold.ttf",
             "sans": "DejaVuSans.ttf", "sans_bold": "DejaVuSans-Bold.ttf"}  # fmt: skip
    candidates = list(_FONT_DIRS)
    try:  # matplotlib ships DejaVu too: a fallback when the system font is missing
        import matplotlib

        candidates.append(Path(matplotlib.get_data_path()) / "fonts" / "ttf")
    except ImportError:
        pass
    found = {}
    for key, name in names.items():
        for folder in candidates:
            if (folder / name).exists():
                found[key] = folder / name
                break
    if "sans" not in found:
        raise FileNotFoundError("DejaVu fonts not found: install fonts-dejavu-core")
    found.setdefault("regular", found["sans"])
    found.setdefault("bold", found.get("sans_bold", found["sans"]))
    found.setdefault("sans_bold", found["bold"])
    return found


_REGISTERED: dict[str, str] = {}


def _fonts() -> dict[str, str]:
    if not _REGISTERED:
        from reportlab.pdfbase import pdfmetrics
        from reportlab.pdfbase.ttfonts import TTFont

        for key, path in _font_paths().items():
            name = f"Dancoso-{key}"
            pdfmetrics.registerFont(TTFont(name, str(path)))
            _REGISTERED[key] = name
    return _REGISTERED


def render_pdf(
    path: Path, certificate: Certificate, code: str, *, organiser: str, detail: str = ""
) -> Path:
    """One A4 landscape certificate; Vietnamese text in DejaVu (embedded TrueType)."""
    from reportlab.lib.colors import HexColor
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.pdfgen.canvas import Canvas

    fonts = _fonts()
    width, height = landscape(A4)
    canvas = Canvas(str(path), pagesize=(width, height), invariant=1)
    canvas.setTitle(f"{text('cert_title')} — {certificate.holder}")
    canvas.setAuthor(organiser)
    red, blue = HexColor("#a5141c"), HexColor("#1f3f7a")
    canvas.setStrokeColor(red)
    canvas.setLineWidth(3)
    canvas.rect(22, 22, width - 44, height - 44)
    canvas.setLineWidth(0.8)
    canvas.rect(30, 30, width - 60, height - 60)

    def centred(y: float, value: str, font: str, size: float, color=None) -> None:
        canvas.setFillColor(color or HexColor("#111111"))
        canvas.setFont(fonts[font], size)
        while canvas.stringWidth(value, fonts[font], size) > width - 120 and size > 8:
            size -= 0.5
            canvas.setFont(fonts[font], size)
        canvas.drawCentredString(width / 2, y, value)

    centred(height - 70, text("cert_nation"), "sans_bold", 12)
    centred(height - 87, text("cert_motto"), "sans_bold", 11)
    canvas.line(width / 2 - 80, height - 93, width / 2 + 80, height - 93)
    centred(height - 125, organiser.upper(), "sans_bold", 12, blue)
    centred(height - 185, text("cert_title"), "bold", 40, red)
    centred(height - 230, text("cert_certifies"), "regular", 16)
    centred(height - 272, certificate.holder, "bold", 28, blue)
    y = height - 302
    if certificate.unit:
        centred(y, text("cert_unit", unit=certificate.unit), "regular", 15)
        y -= 34
    if certificate.kind == "prize":
        centred(y, text("cert_prize", award=certificate.award), "bold", 20, red)
    else:
        centred(y, text("cert_course"), "bold", 20, red)
    y -= 28
    centred(y, certificate.context, "regular", 14)
    if detail:
        centred(y - 22, detail, "regular", 12)
    day = dt.date.fromisoformat(certificate.issued_on)
    date_line = text("cert_date", day=f"{day.day:02d}", month=f"{day.month:02d}", year=day.year)
    canvas.setFont(fonts["regular"], 13)
    canvas.setFillColor(HexColor("#111111"))
    canvas.drawCentredString(width * 0.72, 130, date_line)
    canvas.setFont(fonts["sans_bold"], 12)
    canvas.drawCentredString(width * 0.72, 110, text("cert_signature"))
    canvas.setFont(fonts["sans_bold"], 12)
    canvas.drawString(50, 70, text("cert_code", code=code))
    canvas.setFont(fonts["sans"], 8.5)
    canvas.drawString(50, 55, text("cert_verify_hint", code=code))
    canvas.showPage()
    canvas.save()
    return Path(path)


def issue_and_render(
    registry: CertificateRegistry,
    certificates: Iterable[Certificate],
    folder: Path,
    *,
    kind: str,
    scope: str,
    organiser: str,
    now: dt.datetime,
    detail: str = "",
) -> list[tuple[Certificate, str, Path]]:
    """Issue (idempotently) and write one PDF per certificate under ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    out = []
    for certificate, code in registry.issue(list(certificates), kind=kind, scope=scope, now=now):
        name = re.sub(r"[^a-z0-9-]+", "-", f"{certificate.slot}-{certificate.subject}".lower())
        path = folder / f"{name.strip('-')}.pdf"
        render_pdf(path, certificate, code, organiser=organiser, detail=detail)
        out.append((certificate, code, path))
    return out
