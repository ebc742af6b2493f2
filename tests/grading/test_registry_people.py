"""Personal data: validated registration, recorded consent, duplicates refused, erasure."""

from __future__ import annotations

import contextlib
import os
import sqlite3
import stat
import threading
from concurrent.futures import Future, ThreadPoolExecutor

import pytest
from contest_fixtures import SPEC, at

from grading.participant_ids import InvalidParticipantId
from grading.registry_batch import GroupCommit
from grading.registry_people import PeopleRegistry, RegistrationError
from quizzes.contest_load import load_contest_spec

FORM = {
    "ho_ten": "Nguyễn Thị Mỹ Hạnh",
    "ngay_sinh": "05/09/1985",
    "so_dien_thoai": "0912 345 678",
    "cccd": "084185001234",
    "don_vi": "xa-a",
    "nhom": "Cán bộ",
}


@pytest.fixture
def people(tmp_path) -> PeopleRegistry:
    return PeopleRegistry(tmp_path / "private" / "participants.sqlite", load_contest_spec(SPEC))


def test_register_records_consent_and_keeps_files_private(people) -> None:
    person = people.register(FORM, consent=True, now=at(2, 8, 30))
    assert person.participant_id.startswith("ts-") and len(person.participant_id) == 11
    assert (
        person.fields["so_dien_thoai"] == "0912345678"
        and person.fields["ngay_sinh"] == "1985-09-05"
    )
    assert (person.consent_version, person.consented_at) == ("v1", at(2, 8, 30))
    assert person.publish_consent is False and person.unit == "xa-a" and person.group == "Cán bộ"
    assert people.find(phone="0912345678") == person.participant_id
    assert stat.S_IMODE(people.path.parent.stat().st_mode) == 0o700
    for path in people.path.parent.iterdir():
        assert stat.S_IMODE(path.stat().st_mode) == 0o600, path


def test_consent_is_never_assumed(people) -> None:
    with pytest.raises(RegistrationError) as caught:
        people.register(FORM, consent=False, now=at(2, 9))
    assert [p.code for p in caught.value.problems] == ["consent_required"]
    assert people.ids() == []


@pytest.mark.parametrize(
    ("field", "value", "code", "needle"),
    [
        ("so_dien_thoai", "012345", "phone_invalid", "số di động"),
        ("cccd", "08418500123", "cccd_invalid", "12 chữ số"),
        ("ngay_sinh", "31/02/1990", "date_invalid", "ngày/tháng/năm"),
        ("ngay_sinh", "01/01/2015", "too_young", "15 tuổi"),
        ("don_vi", "xa-z", "unit_unknown", "danh sách"),
        ("nhom", "Khác", "choice_unknown", "danh sách"),
        ("ho_ten", "", "required", "bắt buộc"),
    ],
)
def test_bad_fields_are_named(people, field, value, code, needle) -> None:
    with pytest.raises(RegistrationError) as caught:
        people.register({**FORM, field: value}, consent=True, now=at(2, 9))
    problem = caught.value.problems[0]
    assert (problem.key, problem.code) == (field, code) and needle in problem.message


def test_duplicate_phone_or_cccd_is_refused_and_nothing_overwritten(people) -> None:
    first = people.register(FORM, consent=True, now=at(2, 9))
    other = {**FORM, "ho_ten": "Trần Văn Bình", "cccd": "084090000222"}
    with pytest.raises(RegistrationError) as caught:
        people.register({**other, "so_dien_thoai": "+84 912 345 678"}, consent=True, now=at(2, 10))
    problem = caught.value.problems[0]
    assert problem.key == "so_dien_thoai" and "đã được dùng để đăng ký" in problem.message
    assert first.participant_id not in problem.message
    with pytest.raises(RegistrationError) as caught:
        people.register(
            {**other, "so_dien_thoai": "0987000111", "cccd": "0841 8500 1234"}, consent=True
        )
    assert caught.value.problems[0].key == "cccd"
    assert people.ids() == [first.participant_id]
    assert people.get(first.participant_id).fields == first.fields


def test_forget_erases_personal_data_and_keeps_the_id(people) -> None:
    person = people.register(FORM, consent=True, publish_consent=True, now=at(2, 9))
    assert people.public_entry(person.participant_id) == {
        "name": "Nguyễn Thị Mỹ Hạnh",
        "unit": "Xã A",
    }
    assert people.forget(person.participant_id, now=at(20, 9))
    assert not people.forget(person.participant_id, now=at(20, 10))
    erased = people.get(person.participant_id)
    assert erased.fields is None and erased.forgotten_at == at(20, 9) and not erased.publish_consent
    assert people.public_entry(person.participant_id) is None
    assert people.find(phone="0912345678") is None
    assert people.units() == {person.participant_id: ("xa-a", "Cán bộ")}
    raw = b"".join(p.read_bytes() for p in people.path.parent.iterdir())
    for secret in ("Nguyễn Thị Mỹ Hạnh", "0912345678", "084185001234", "1985-09-05"):
        assert secret.encode() not in raw, secret
    again = people.register(FORM, consent=True, now=at(21, 9))  # the phone is free again
    assert again.participant_id != person.participant_id


# -- group commit: registrations from many threads -------------------------------------------


def person(index: int, **changes: str) -> dict[str, str]:
    """A valid form whose phone and CCCD are unique to ``index``."""
    return {
        **FORM,
        "ho_ten": "Nguyễn Văn " + "".join("abcdeghikl"[int(d)] for d in str(index)).title(),
        "so_dien_thoai": f"09{index:08d}",
        "cccd": f"0840{index:08d}",
        **changes,
    }


def in_one_batch(people: PeopleRegistry, calls) -> list[Future]:
    """Run ``calls`` from threads so that they form one group commit, queued in this order:
    a first registration holds the writer's role (inside its transaction) until every call
    waits in the queue, then the next leader writes them all in one transaction."""
    entered, release = threading.Event(), threading.Event()

    def hold(alphabet: str) -> str:
        entered.set()
        assert release.wait(30)
        return alphabet[0]

    with ThreadPoolExecutor(len(calls) + 1) as pool:
        first = pool.submit(people.register, person(0), consent=True, choose=hold)
        assert entered.wait(30)
        futures = []
        for queued, call in enumerate(calls, 1):
            futures.append(pool.submit(call))
            assert people._writer.wait_queued(queued, timeout=30)
        release.set()
        first.result()
    assert people._writer.commits == 2  # the holder's, then one for all ``calls``
    return futures


def test_concurrent_registrations_all_land(people) -> None:
    forms = [person(i, nhom="Nhân dân" if i % 2 else "Cán bộ") for i in range(1, 61)]
    with ThreadPoolExecutor(12) as pool:
        registered = list(pool.map(lambda form: people.register(form, consent=True), forms))
    assert len({p.participant_id for p in registered}) == 60
    assert sorted(people.ids()) == sorted(p.participant_id for p in registered)
    assert people._writer.commits <= 60
    for form, got in zip(forms, registered, strict=True):
        stored = people.get(got.participant_id)
        assert stored == got and stored.fields["ho_ten"] == form["ho_ten"]
        assert stored.group == form["nhom"]
        assert people.find(cccd=form["cccd"]) == got.participant_id


def test_duplicate_in_a_batch_is_refused_alone(people) -> None:
    twin = person(2, ho_ten="Lê Thị Trùng", cccd="084099999999")  # person 2's phone
    forms = [person(1), person(2), twin, person(3)]
    futures = in_one_batch(
        people, [lambda form=form: people.register(form, consent=True) for form in forms]
    )
    first, second, duplicate, last = futures
    with pytest.raises(RegistrationError) as caught:
        duplicate.result()
    assert [(p.key, p.code) for p in caught.value.problems] == [("so_dien_thoai", "duplicate")]
    landed = [f.result() for f in (first, second, last)]
    assert len(people.ids()) == 4  # the holder and three of the batch
    owner = people.find(phone="0900000002")
    assert owner == second.result().participant_id
    assert people.get(owner).fields["ho_ten"] == "Nguyễn Văn C"  # nothing overwritten
    assert people.find(cccd="084099999999") is None
    assert all(people.get(p.participant_id) == p for p in landed)


class Boom(RuntimeError):
    pass


def test_a_failure_mid_batch_loses_no_other_registration(people) -> None:
    def explode(alphabet: str) -> str:
        raise Boom("the id generator failed")

    calls = [
        lambda: people.register(person(1), consent=True),
        lambda: people.register(person(2), consent=True, choose=explode),
        lambda: people.register(person(3), consent=True, participant_id="not an id"),
        lambda: people.register(person(4), consent=True),
    ]
    futures = in_one_batch(people, calls)
    assert isinstance(futures[1].exception(), Boom)
    assert isinstance(futures[2].exception(), InvalidParticipantId)
    landed = [futures[0].result(), futures[3].result()]
    assert len(people.ids()) == 3
    assert [people.get(p.participant_id) for p in landed] == landed
    assert people.find(phone="0900000002") is None and people.find(phone="0900000003") is None


def test_a_failed_transaction_fails_every_caller_and_stores_nothing(tmp_path) -> None:
    path = tmp_path / "t.sqlite"

    @contextlib.contextmanager
    def open_db():
        db = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
        try:
            db.execute("CREATE TABLE IF NOT EXISTS t (x)")
            yield db
        finally:
            db.close()

    def apply(db: sqlite3.Connection, item: int) -> int:
        db.execute("INSERT INTO t VALUES (?)", (item,))
        if item == 2:  # as SQLite does on a full disk: the whole transaction is gone
            db.execute("ROLLBACK")
            raise sqlite3.OperationalError("database or disk is full")
        return item

    writer: GroupCommit[int, int] = GroupCommit(open_db, apply)
    assert writer.submit(0) == 0
    entered, release = threading.Event(), threading.Event()
    original = writer._apply

    def held(db, item):
        if item == 9:
            entered.set()
            assert release.wait(30)
        return original(db, item)

    writer._apply = held
    with ThreadPoolExecutor(4) as pool:
        holder = pool.submit(writer.submit, 9)
        assert entered.wait(30)
        futures = []
        for queued, item in enumerate((1, 2, 3), 1):
            futures.append(pool.submit(writer.submit, item))
            assert writer.wait_queued(queued, timeout=30)
        release.set()
        assert holder.result() == 9
        errors = [f.exception() for f in futures]
    assert all(isinstance(e, sqlite3.OperationalError) for e in errors), errors
    with sqlite3.connect(path) as db:
        assert sorted(x for (x,) in db.execute("SELECT x FROM t")) == [0, 9]
    assert writer.submit(4) == 4  # the writer's role was handed back


def test_files_are_created_private_whatever_the_umask(tmp_path, monkeypatch) -> None:
    """Created 0700/0600, not chmodded afterwards, and the process umask is never touched
    (it is shared by every thread: changing it races with files others create)."""

    def no_umask(mask):
        raise AssertionError("the registry changed the process umask")

    private = tmp_path / "private"
    old = os.umask(0)
    try:
        monkeypatch.setattr(os, "chmod", lambda *args, **kwargs: None)
        monkeypatch.setattr(os, "umask", no_umask)
        people = PeopleRegistry(private / "participants.sqlite", load_contest_spec(SPEC))
        with people._connect(), ThreadPoolExecutor(4) as pool:  # keeps -wal and -shm
            list(pool.map(lambda i: people.register(person(i), consent=True), range(1, 9)))
            files = {path.name: stat.S_IMODE(path.stat().st_mode) for path in private.iterdir()}
        assert len(people.ids()) == 8
    finally:
        monkeypatch.undo()
        os.umask(old)
    assert stat.S_IMODE(private.stat().st_mode) == 0o700
    assert files == {
        "participants.sqlite": 0o600,
        "participants.sqlite-shm": 0o600,
        "participants.sqlite-wal": 0o600,
    }
