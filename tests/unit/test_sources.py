"""What the user opened (path, file URL, seb(s) link, http(s) URL) and reading local files."""

from __future__ import annotations

import pytest

from launcher.config.errors import TooLarge
from launcher.config.errors import FileUnreadable
from launcher.opening.sources import classify, for_log, looks_like_web_page, read_local


@pytest.mark.parametrize(
    ("text", "kind", "value"),
    [
        ("sebs://exam.example.org/c.seb?x=1#f", "url", "https://exam.example.org/c.seb?x=1#f"),
        ("SEB://exam.example.org/c.seb", "url", "http://exam.example.org/c.seb"),
        ("https://exam.example.org/c.seb", "url", "https://exam.example.org/c.seb"),
        ("file:///tmp/my%20exam.seb", "file", "/tmp/my exam.seb"),
        ("C:\\exams\\a.seb", "file", "C:\\exams\\a.seb"),
        ("exam.seb", "file", "exam.seb"),
    ],
)
def test_classify(text: str, kind: str, value: str) -> None:
    source = classify(text)
    assert (source.kind, source.value, source.original) == (kind, value, text)


def test_other_schemes_are_refused_in_a_sentence() -> None:
    with pytest.raises(FileUnreadable, match="cannot be opened as an exam"):
        classify("ftp://exam.example.org/c.seb")


def test_read_local_refuses_missing_folder_and_oversized(tmp_path) -> None:
    with pytest.raises(FileUnreadable, match="does not exist"):
        read_local(tmp_path / "missing.seb")
    with pytest.raises(FileUnreadable, match="folder"):
        read_local(tmp_path)
    big = tmp_path / "big.seb"
    big.write_bytes(b"x" * 11)
    with pytest.raises(TooLarge):
        read_local(big, max_bytes=10)
    assert read_local(big, max_bytes=11) == b"x" * 11


def test_web_page_instead_of_configuration() -> None:
    assert looks_like_web_page(b"<!DOCTYPE html><html><body>Log in</body></html>")
    assert not looks_like_web_page(b'<?xml version="1.0"?><plist><dict/></plist>', "text/html")
    assert not looks_like_web_page(b"\x1f\x8b\x08\x00", "text/html")


def test_for_log_drops_user_info_and_query_but_keeps_paths() -> None:
    assert for_log("sebs://user:pw@exam.example.org:8443/c.seb?token=s3cret#x") == (
        "sebs://exam.example.org:8443/c.seb?…"
    )
    assert for_log("/home/student/exam.seb") == "/home/student/exam.seb"


def test_a_malformed_link_is_refused_in_a_sentence_and_logged_without_its_parts() -> None:
    from launcher.config.errors import InvalidLink

    with pytest.raises(InvalidLink, match="not a valid web address"):
        classify("sebs://[exam.example.org/c.seb?token=s3cret")
    assert for_log("https://exam.example.org:99999/c.seb?token=s3cret") == "https://…"
    assert for_log("sebs://[exam.example.org/c.seb?token=s3cret") == "sebs://…"
