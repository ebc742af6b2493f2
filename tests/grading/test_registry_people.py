"""Personal data: validated registration, recorded consent, duplicates refused, erasure."""

from __future__ import annotations

import stat

import pytest
from contest_fixtures import SPEC, at

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
