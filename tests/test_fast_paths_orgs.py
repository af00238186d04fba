"""The organizations stage's body reader, reading each opener's length once, agrees with the rule as first written."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from partyevents.extract import organizations as orgs


def _plain_body_at(text: str, pos: int, endpos: int) -> tuple[int, int] | None:
    """:func:`orgs.body_at` as first written: the opener's length read again after the loop, whatever it gave."""
    chain, opener, _, _, _ = orgs._body_tools()
    m = chain(text, pos, endpos)
    if m is None:
        return None
    if opener(text, pos, m.end()):
        for _ in range(orgs._MAX_OPENERS):
            if m is None or not (cut := orgs._opener_length(text, pos, m.end())):
                break
            if text.startswith(orgs._pronouns(), pos):
                return None
            pos += cut
            m = chain(text, pos, endpos)
        if m is None or orgs._opener_length(text, pos, m.end()):
            return None
    return orgs._backed_off(text, pos, m)


_WORDS = ["在", "推动", "和平区", "于家村", "同丰村", "他", "我们", "听取", "社区", "党支部", "街道", "村", "镇",
          "东岭", "青禾", "局", "委员会", "宿舍", "小区", "对", "向", "了解", "乡村", "将", "由", "的", "中心"]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(_WORDS), min_size=1, max_size=9), st.data())
def test_the_body_read_agrees_with_the_plain_rule(words: list[str], data: st.DataObject) -> None:
    text = "".join(words)
    pos = data.draw(st.integers(0, len(text) - 1))
    endpos = data.draw(st.integers(pos, len(text)))
    assert orgs.body_at(text, pos, endpos) == _plain_body_at(text, pos, endpos)


def test_the_plain_rule_cuts_openers_as_the_fast_one() -> None:
    """Sentences of the test's own: an opener cut, a place that opens with one kept, a pronoun's verb phrase."""
    for text in ("在青禾村党支部活动室", "推动东岭镇党委", "和平区东岭街道", "他认真听取东岭村", "将在社区党支部"):
        assert orgs.body_at(text, 0, len(text)) == _plain_body_at(text, 0, len(text))
    assert orgs.body_at("在青禾村党支部", 0, 7) == (1, 7)
