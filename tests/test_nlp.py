"""The spaCy pipeline: registered components, char-level matching snapped to tokens, save and load."""

from __future__ import annotations

from pathlib import Path

import spacy

from partyevents import nlp as pe_nlp


def test_components_and_tokenizer_are_registered() -> None:
    nlp = pe_nlp.pipeline()
    assert nlp.pipe_names == ["partyevents_org_matcher", "partyevents_organizer"]
    assert isinstance(nlp.tokenizer, pe_nlp.RJiebaTokenizer)
    assert "partyevents.RJiebaTokenizer.v1" in spacy.registry.tokenizers.get_all()


def test_split_name_is_snapped_to_whole_tokens() -> None:
    doc = pe_nlp.pipeline()("清河口街道明晶巷社区党委成立购药小分队。")
    assert "清河口街道" not in [t.text for t in doc]  # the segmenter splits it
    orgs = [span.text for span in doc.spans["orgs"]]
    assert orgs[0] == "清河口街道明晶巷社区党委"
    assert [s.text for s in doc.spans["organizer"]] == ["清河口街道明晶巷社区党委"]


def test_pipeline_round_trips_through_disk(tmp_path: Path) -> None:
    pe_nlp.pipeline().to_disk(tmp_path / "model")
    loaded = spacy.load(tmp_path / "model")
    assert loaded.pipe_names == pe_nlp.pipeline().pipe_names
    doc = loaded("米公街道召开疫情防控推进会。")
    assert [s.text for s in doc.spans["organizer"]] == ["米公街道"]


def test_organizer_of_reads_only_the_event_head() -> None:
    text = "米公街道召开推进会。会议强调。会上。区财政局组织学习。"
    span = pe_nlp.organizer_of(text)
    assert span is not None and text[span[0] : span[1]] == "米公街道"


def test_names_handed_in_are_used_and_give_the_same_organizer() -> None:
    from partyevents.extract.organizations import org_spans

    text = "12月9日\n米公街道党工委召开推进会,区财政局参加。会议强调。会后社区党支部开展巡河。"
    spans = org_spans(text)
    assert pe_nlp.organizer_of(text, spans) == pe_nlp.organizer_of(text)
    nlp = pe_nlp.pipeline()
    doc = nlp.make_doc("米公街道召开推进会。")
    doc.user_data["org_spans"] = [(0, 2, "place")]  # deliberately not what the matcher would find
    doc = nlp(doc)
    assert [s.text for s in doc.spans["orgs"]] == ["米公"]
    assert "org_spans" not in doc.user_data
