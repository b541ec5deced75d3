"""KY-03: password checks the NIST SP 800-63B way: length, blocklist, context words, repetitive
and sequential strings, any character accepted, and no composition rules. Table-driven."""

from __future__ import annotations

import pytest

from socialgov.accounts.vault.passwords import MAX_LENGTH, Context, check_password

CONTEXT = Context.of([("Lucas County Children Services", "the agency's name"), ("facebook", "the platform"),
                      ("@LucasCountyKids", "the account's handle"), ("Youth News", "the account's name")])

ACCEPTED = [
    ("passphrase of plain lowercase words", "correct horse battery staple"),
    ("no digit, no capital, no symbol", "orchid lantern gravel mosaic"),
    ("exactly the minimum, 15", "glimmer-otter-q"),
    ("64 characters", "moss tide quill ember fjord pale lynx sorrel dune kelp birch wrens"),
    ("spaces inside and at the ends", "  lichen on a rainy roof  "),
    ("Cyrillic", "пароль-очень-длинный-и-странный"),
    ("emoji", "🙂🙃😀😁😂🤣😃😄😅😆😉😊😋😎😍"),
    ("Chinese, each code point one character", "我的猫喜欢在阳光下睡觉也喜欢吃鱼"),
    ("symbols only", "!@#$%^&*()_+{}|:<>?~`-=[]\\;',./"),
    ("contains a short run of digits", "my-dog-rex-1234-loves-walks"),
]

REFUSED = [
    ("too short", "Tr0ub4dor&3x", "length"),
    ("empty", "", "length"),
    ("longer than the maximum", "tangerine sky " * 80, "length"),
    ("common password, long enough", "migrationschool", "blocklist"),
    ("common password, other case", "MigrationSchool", "blocklist"),
    ("common phrase", "friend of emily", "blocklist"),
    ("agency name", "lucascounty-is-great-2026", "context"),
    ("platform", "my facebook sign-in 2026", "context"),
    ("account handle", "lucascountykids rocks!", "context"),
    ("account name, any case", "YOUTH and more words here", "context"),
    ("one character repeated", "aaaaaaaaaaaaaaaaaaaa", "repetitive"),
    ("one pattern repeated", "xyzzyxyzzyxyzzyxyzzy", "repetitive"),
    ("too few different characters", "abababababbbbaaabab", "repetitive"),
    ("one character for half its length", "zzzzzzzzzzpqrs-tuvw", "repetitive"),
    ("alphabet run", "abcdefghijklmnop", "sequential"),
    ("digits descending", "98765432109876543", "sequential"),
    ("keyboard rows", "qwertyuiopasdfghjkl", "sequential"),
    ("keyboard columns", "1qaz2wsx3edc4rfv!!", "sequential"),
    ("tab inside", "tab\there-is-a-long-one", "characters"),
    ("line break inside", "first line\nsecond line", "characters"),
]


@pytest.mark.requirement("KY-03")
@pytest.mark.parametrize(("why", "password"), ACCEPTED, ids=[row[0] for row in ACCEPTED])
def test_password_is_accepted(why, password):
    assert check_password(password, context=CONTEXT) == []


@pytest.mark.requirement("KY-03")
@pytest.mark.parametrize(("why", "password", "rule"), REFUSED, ids=[row[0] for row in REFUSED])
def test_password_is_refused_naming_the_rule(why, password, rule):
    refusals = check_password(password, context=CONTEXT)
    assert rule in [r.rule for r in refusals]
    refusal = next(r for r in refusals if r.rule == rule)
    assert len(refusal.message) > 20, "each refusal says why"
    assert str(refusal).startswith(refusal.title + ": ")
    if password.strip():
        assert password not in str(refusal), "a refusal never repeats the password"


@pytest.mark.requirement("KY-03")
@pytest.mark.parametrize("password", ["alllowercaselettersnow", "ALLUPPERCASELETTERSNOW", "no digits at all here",
                                      "0192837465019283746501"])
def test_no_composition_rules(password):
    """NIST SP 800-63B: never 'must contain a digit, a capital, a symbol'."""
    assert check_password(password) == []


@pytest.mark.requirement("KY-03")
def test_at_least_64_characters_are_accepted():
    assert check_password("willow " * 9 + "fern") == []
    assert MAX_LENGTH >= 64


@pytest.mark.requirement("KY-03")
@pytest.mark.parametrize(("min_length", "password", "refused"), [
    (15, "fourteen chars", True),
    (15, "fifteen chars!!", False),
    (20, "fifteen chars!!", True),
    (8, "short ok", False),
    (4, "short ok", False),        # never below NIST's floor of 8 ...
    (4, "tiny", True),             # ... whatever the configuration says
])
def test_minimum_length_is_configurable_but_never_below_eight(min_length, password, refused):
    assert ("length" in [r.rule for r in check_password(password, min_length=min_length)]) is refused


def test_length_counts_characters_as_typed_after_composition():
    decomposed = "cre\u0300me bru\u0302le\u0301e ok"    # "crème brûlée ok", 15 characters, 18 code points
    assert check_password(decomposed, min_length=15) == []
    assert "(this one has 15)" in str(check_password(decomposed, min_length=16)[0])


def test_short_context_words_and_numbers_are_not_refused():
    context = Context.of([("The IT Office of Ohio", "the agency's name"), ("2026", "a year")])
    assert check_password("the it team of 2026 rocks", context=context) == []


def test_refusals_come_in_a_fixed_order():
    rules = [r.rule for r in check_password("facebook", context=CONTEXT)]
    assert rules == ["length", "blocklist", "context"]
