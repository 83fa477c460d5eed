"""Which URLs an exam server hashes over another string than the launcher's headers
(``launcher.config.wire_url``): the shapes QUrl re-encodes, and Open edX's path rebuilds
(Django's ``escape_uri_path`` over the decoded path, ``iri_to_uri`` over the query)."""

from __future__ import annotations

from launcher.config.wire_url import (
    escape_lone_percent,
    open_edx_difference,
    open_edx_rebuild,
    possible_differences,
    wire_differences,
)


def test_the_issues_two_urls_are_named_with_their_reasons() -> None:
    reasons = wire_differences("https://lms.example/q?next=%2fcourses%2fx&u=%7Euser&n=%41#top")
    assert len(reasons) == 2
    assert "lower case (%2f)" in reasons[0]
    assert "(%41, %7E)" in reasons[1] and "decoded" in reasons[1]
    (lone,) = wire_differences("https://lms.example/q?d=50%&r=1")
    assert "'%25'" in lone and "every other '%'" in lone


def test_raw_characters_in_the_query_and_clean_urls() -> None:
    (raw,) = wire_differences("https://lms.example/q?f={%22a%22:1}|x^`")
    assert "{ } | ^ `" in raw
    assert wire_differences("https://lms.example/a%3Ab/c?next=%2Fcourses&u=~user&n=A&d=50%25") == []
    assert wire_differences("https://lms.example/q#frag%2f") == []  # the fragment is never hashed


def test_what_the_launchers_form_leaves_open() -> None:
    assert possible_differences("https://lms.example/q?n=A&x=%2F") == []
    lone, raw = possible_differences("https://lms.example/q?d=50%25&f=%7B%7D")
    assert "lone '%'" in lone and "%7B, %7D" in raw
    assert possible_differences("https://lms.example/%7B?x=1") == []  # only the query is sent raw


def test_open_edx_rebuilds_the_path_from_its_decoded_form() -> None:
    url = "https://lms.example/courses/course-v1:A+B+C/a%3Ab/c%2Bd%2Fe;f/%7euser?n=%41&x=%2f&f={1}"
    # path: decoded by the WSGI server, re-quoted with Django's safe characters; query: as sent,
    # with '{', '}' quoted (iri_to_uri) and escapes kept as they are
    assert open_edx_rebuild(url) == "https://lms.example/courses/course-v1:A+B+C/a:b/c+d/e%3Bf/~user?n=%41&x=%2f&f=%7B1%7D"
    note = open_edx_difference(url)
    assert "/courses/course-v1:A+B+C/a:b/c+d/e%3Bf/~user" in note and "no SEB client sends" in note


def test_open_edx_paths_every_client_matches() -> None:
    for url in ("https://lms.example/courses/course-v1:A+B+C/courseware/x/y/?activate_block_id=block-v1%3AA",
                "https://lms.example/", "https://lms.example", "https://lms.example/p~user/A%20b"):
        assert open_edx_difference(url) == "", url
    # lower-case and unreserved escapes in the path: Django writes them as QUrl does
    assert open_edx_rebuild("https://lms.example/a%7e/%c3%a9") == "https://lms.example/a~/%C3%A9"


def test_a_lone_percent_is_escaped_alone() -> None:
    assert escape_lone_percent("https://lms.example/q?d=50%&n=%41&x=%zz") == "https://lms.example/q?d=50%25&n=%41&x=%25zz"
    assert escape_lone_percent("https://lms.example/q?n=%41") == "https://lms.example/q?n=%41"
