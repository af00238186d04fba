"""The normalize stage: golden page cases (tests/data/normalize_cases.json) and the fixers' properties."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from partyevents import normalize as nz
from partyevents.resources import boilerplate_patterns

CASES = json.loads((Path(__file__).parent / "data" / "normalize_cases.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("case", CASES, ids=[c["name"][:60] for c in CASES])
def test_golden_case(case: dict) -> None:
    n = nz.normalize(case["input"])
    assert n.text == case["text"]
    if "title" in case:
        assert n.title == case["title"]
    if "published_date" in case:
        expected = case["published_date"]
        assert n.published_date == (dt.date.fromisoformat(expected) if expected else None)
    for fix in case.get("fixes", []):
        assert fix in n.fixes
    if "warning" in case:
        assert any(case["warning"] in p.message for p in n.problems)


def test_boilerplate_table_kinds_are_known() -> None:
    assert set(boilerplate_patterns()) <= {"line", "tail", "inline", "meta", "stamp", "edition", "link", "credit"}
    assert all(p.groupindex.get("date") for kind in ("meta", "edition") for p in boilerplate_patterns()[kind])
    assert all("name" in p.groupindex for p in boilerplate_patterns().get("credit", ()))
    assert all({"y", "m", "d"} <= set(p.groupindex) for kind in ("stamp", "link") for p in boilerplate_patterns()[kind])


@pytest.mark.parametrize("line", [
    "【字体:大 中 小】 打印本页 关闭窗口", "[打印] [关闭]", "浏览次数:1024", "首页 > 新闻中心 > 工作动态",
    "当前位置:首页>>基层党建", "阅读:35", "京ICP备12345678号-1", "网站标识码:1234567890",
    "主办单位:某县人民政府", "服务热线:12345", "来源:某街道办事处 作者:王五", "网友评论仅供其表达个人看法",
    "正在加载,请稍后...", "[分", "(某某日报社会新闻部编辑)",
])
def test_furniture_line_is_dropped_inside_a_page(line: str) -> None:
    body = "6月3日,某社区党支部开展主题党日活动,组织党员20人学习党章。"
    more = "6月5日,某社区党支部组织党员清理楼道杂物,共清运垃圾3车。"
    assert nz.normalize(f"{body}\n{line}\n{more}").text == f"{body}\n{more}"


@pytest.mark.parametrize("marker", ["上一条:某社区召开会议", "下一篇 某街道举办培训班", "相关阅读", "责任编辑:赵六",
                                    "友情提示"])
def test_tail_marker_ends_the_article(marker: str) -> None:
    body = "6月3日,某社区党支部开展主题党日活动,组织党员20人学习党章。"
    assert nz.normalize(f"{body}\n{marker}\n{body}").text == body


def test_headlines_of_other_articles_ending_the_page_are_dropped() -> None:
    body = "6月3日,某社区党支部开展主题党日活动,组织党员20人学习党章。"
    titles = ["某市举办青年创业大赛 百余项目同台比拼", "老街焕新颜 夜市人气旺", "非遗剪纸走进社区课堂"]
    assert nz.normalize("\n".join([body, *titles])).text == body
    assert nz.normalize("\n".join([body, *titles[:2]])).text.endswith(titles[1])  # two short lines may be captions


def test_body_line_mentioning_a_source_word_is_kept() -> None:
    body = "6月3日,某社区党支部开展主题党日活动,邀请来源于基层一线的党员代表20人分享经验。"
    assert nz.normalize(body).text == body


def test_line_endings_and_control_characters() -> None:
    assert nz.fix_line_breaks("a\r\nb\rc") == "a\nb\nc"
    assert nz.remove_control_chars("党\u200b建\u202e\x00工\ufeff作") == "党建工作"


def test_extremely_long_line_is_kept_whole() -> None:
    line = "党员志愿者开展服务活动," * 5000
    assert nz.normalize(line).text == line


_text = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=300)


@settings(max_examples=60, deadline=None)
@given(_text)
def test_fixers_are_idempotent_and_leave_no_control_characters(text: str) -> None:
    for _name, fixer in nz.FIXERS:
        once = fixer(text)
        if _name != "remove_mojibake":  # removing one run can join two others into a new one
            assert fixer(once) == once, _name
        text = once
    assert "\r" not in text
    assert not nz._CONTROL.search(text)


def test_article_that_is_a_small_part_of_a_big_page() -> None:
    from partyevents.ingest import decode

    nav = "".join(f"<li><a href='/c{i}'>栏目{i}</a></li>" for i in range(30))
    side = "".join(f"<li><a>某镇召开第{i}次党建工作会议</a><span>2023-05-{i % 28 + 1:02d}</span></li>"
                   for i in range(20))
    html = (f"<html><head><title>城关街道开展主题党日活动_某区人民政府</title><script>var x=1;</script></head><body>"
            f"<div><ul>{nav}</ul></div><div>当前位置:<a>首页</a> &gt; <a>新闻中心</a> &gt; 工作动态</div>"
            "<h1>城关街道开展主题党日活动</h1><div>发布时间:2023-05-12 来源:城关街道 浏览次数:<span>128</span></div>"
            "<div><p>5月10日,城关街道党工委组织辖区党员干部开展主题党日活动,共50余名党员参加。</p>"
            "<p>活动中,党员们重温入党誓词,并深入社区开展志愿服务。</p></div>"
            f"<div>【<a>打印本页</a>】【<a>关闭窗口</a>】</div><div><a>更多>></a><ul>{side}</ul></div>"
            "<div><p>主办单位:某区人民政府 承办单位:某区大数据中心</p><p>网站标识码:1234567890 京ICP备12345678号</p></div>"
            "</body></html>")
    n = nz.normalize(decode(html.encode(), "page.html").text)
    assert n.text == ("5月10日,城关街道党工委组织辖区党员干部开展主题党日活动,共50余名党员参加。\n"
                      "活动中,党员们重温入党誓词,并深入社区开展志愿服务。")
    assert n.title == "城关街道开展主题党日活动"
    assert n.published_date == dt.date(2023, 5, 12)


_NFKC_ALPHABET = st.one_of(
    st.characters(),  # anything, combining marks and compatibility forms included
    st.sampled_from("党员,，。:：ＡＢ１２ｶﾞが\u3099\u0301e\u1100\u1161\u11a8한㈱①\u3000 \n"),
)


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=_NFKC_ALPHABET, max_size=40))
def test_nfkc_by_runs_equals_unicodedata(text: str) -> None:
    import unicodedata

    assert nz.nfkc(text) == unicodedata.normalize("NFKC", text)


def test_nfkc_by_runs_equals_unicodedata_on_the_samples(raw_dir: Path) -> None:
    import unicodedata

    from partyevents.ingest import decode

    for path in sorted(raw_dir.iterdir()):
        text = decode(path.read_bytes(), path.name).text
        assert nz.nfkc(text) == unicodedata.normalize("NFKC", text)


_OLD_PINYIN = re.compile(rf"(?<=[\u3400-\u9fff])\((?:[a-zü{nz._TONED}]*[{nz._TONED}][a-zü{nz._TONED}]*\s?){{1,3}}\)")


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from("進黨设(() jìnshèa1ǎ\n龘𠀀A"), max_size=40))
def test_literal_first_patterns_match_as_their_plain_forms(text: str) -> None:
    assert nz.remove_pinyin(text) == _OLD_PINYIN.sub("", text)
    rare, latin = nz._rare_char_re()
    plain = re.compile(rare.pattern + "|(?<=[\u3400-\u9fff\ue000-\uf8ff])[A-Za-z](?=[\u3400-\u9fff\ue000-\uf8ff])")
    assert sorted(m.start() for m in [*rare.finditer(text), *latin.finditer(text)]) == [
        m.start() for m in plain.finditer(text)]


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from("施工爸辽僖矐該測試篤踐龘䶵\ue000\uf8ffAb-[]^\\ 12"), max_size=40))
def test_rare_hits_match_the_class_of_every_rare_character(text: str) -> None:
    rare, _ = nz._rare_char_re()
    assert nz._rare_hits(text) == [m.start() for m in rare.finditer(text)]


_FURNITURE_BITS = ["粤ICP备12345号", "版权所有 2021", "Processed in 0.1 second", "上一篇:a 下一篇:b", "网站地图",
                   "首页 > 新闻 > 正文", "(线索提供人:张三)", "发布时间:2021-10-29", "12月4日,某社区开展志愿服务。",
                   "党员进社区开展活动,共30余人参加。", "  ", "\t> x >\t", "联系我们", "已有12人参与"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.lists(st.sampled_from(_FURNITURE_BITS), min_size=1, max_size=3).map("".join), max_size=12))
def test_whole_text_prefilter_of_furniture_patterns_changes_nothing(lines: list[str]) -> None:
    text = "\n".join(lines)
    every = nz._furniture_res()[1]
    real = nz._furniture_searches
    try:
        nz._furniture_searches = lambda joined, present: every  # type: ignore[assignment]
        expected = nz.strip_boilerplate(text)
    finally:
        nz._furniture_searches = real  # type: ignore[assignment]
    assert nz.strip_boilerplate(text) == expected


@pytest.mark.parametrize(("header", "date"), [
    ("【发布日期】2022-05-11 【来源】某某区", "2022-05-11"), ("2016年05月11日 08:30 阅读 123", "2016-05-11"),
    ("时间:2024-05-09 10:21", "2024-05-09"), ("日期:2023年4月5日", "2023-04-05"),
    ("来源:某某日报 2021年3月4日", "2021-03-04"), ("2016年05月11日 08:30 来源:某某网 点击:35", "2016-05-11"),
    ("05.06.2019  10:12", "2019-06-05"),
])
def test_header_date_forms_give_the_publication_date(header: str, date: str) -> None:
    body = "3月2日,青石镇党委组织机关党员到红旗村开展植树活动,共栽种树苗300余株。"
    n = nz.normalize(f"某某镇开展植树活动\n{header}\n{body}")
    assert (n.text, n.title, str(n.published_date)) == (body, "某某镇开展植树活动", date)


def test_a_labelled_header_date_wins_over_a_today_widget() -> None:
    body = "3月2日,青石镇党委组织机关党员到红旗村开展植树活动,共栽种树苗300余株。"
    n = nz.normalize(f"今天是:2024年06月01日 星期六\n某某镇开展植树活动\n来源:某某网 发布时间:2023-03-03 09:00\n{body}")
    assert str(n.published_date) == "2023-03-03"


def test_an_article_held_twice_is_counted_once() -> None:
    from partyevents.api import extract_text

    article = ("6月12日,青松街道枫林社区党支部组织12名党员志愿者为辖区独居老人上门打扫卫生。\n"
               "活动中,志愿者们还为老人测量血压,发放防暑药品30盒。")
    once = extract_text(article)
    twice = extract_text(article + "\n" + article)
    assert len(twice.events) == len(once.events) == 1
    assert [f["value"] for f in twice.figures] == [f["value"] for f in once.figures] == [12, 30]
    warnings = [p["message"] for p in twice.problems if "repeat other text" in p["message"]]
    assert len(warnings) == 1 and warnings[0].startswith("dropped 2 paragraph(s)")


def test_short_lines_may_repeat() -> None:
    kept, dropped = nz.drop_repeated_paragraphs(["图片来源:枫林社区", "正文第一段很短。", "图片来源:枫林社区"])
    assert dropped == [] and len(kept) == 3


def test_a_newspaper_edition_credit_dates_the_page_and_leaves_the_body() -> None:
    page = ("牧区党员冬训见闻\n"
            "今年3月2日,某乡党委组织牧民党员开展冬训,40余名党员参加。\n"
            "《农民日报》( 2019年03月05日 06 版)\n")
    doc = nz.normalize(page)
    assert doc.published_date == dt.date(2019, 3, 5)
    assert "农民日报" not in doc.text and "冬训" in doc.text
    stated = nz.normalize("发布时间:2019-03-07\n" + page)  # a header date the page states outright wins
    assert stated.published_date == dt.date(2019, 3, 7)
    titled = nz.normalize("某乡开展冬训\n3月2日,某乡党委学习《第二版党章读本》,40余名党员参加。\n")
    assert titled.published_date is None and "第二版党章读本" in titled.text


def test_a_lead_cut_off_as_a_teaser_is_counted_once() -> None:
    from partyevents.api import extract_text

    full = "为迎接卫生城市复检,6月12日,青松街道枫林社区党支部组织12名党员志愿者清理小区卫生死角,清运垃圾5车。"
    page = "枫林社区党员清理卫生死角\n" + full[:40] + "\n2023年06月13日\n" + full + "\n"
    result = extract_text(page)
    assert len(result.events) == 1 and [f["value"] for f in result.figures] == [12, 5]
    assert any("cut off as a teaser" in p["message"] for p in result.problems)
    kept, dropped = nz.drop_repeated_paragraphs([full, full[:30] + "环境整治。"])  # only a shared start: both stay
    assert dropped == [] and len(kept) == 2


@pytest.mark.parametrize(("page", "published", "body_starts"), [
    ("某镇党建\n2022/08/15 来源:某镇政府\n8月12日,某镇党委组织党员开展防汛巡查,巡查堤段5公里。\n",
     dt.date(2022, 8, 15), "8月12日"),
    ("某街道工委2024年3月9日10:25江苏8日,某街道工委组织党员志愿者为辖区老人义诊,服务群众120人次。\n",
     dt.date(2024, 3, 9), "8日"),
    ("某县发展党员工作推进会召开\n3月5日,某县委组织部召开发展党员工作推进会,40余人参加。\n"
     "某某日报 要闻 00003 某县发展党员工作推进会召开 2021-03-06 1234567 2 2021年03月06日 星期六\n",
     dt.date(2021, 3, 6), "3月5日"),
])
def test_header_and_footer_dates_in_other_layouts(page: str, published: dt.date, body_starts: str) -> None:
    doc = nz.normalize(page)
    assert doc.published_date == published
    assert doc.text.startswith(body_starts) and "星期" not in doc.text


def test_a_date_and_time_in_the_body_is_no_wechat_header() -> None:
    doc = nz.normalize("2024年3月9日10:25,某街道工委组织党员志愿者为辖区老人义诊,服务群众120人次。\n")
    assert doc.published_date is None and doc.text.startswith("2024年3月9日")


@pytest.mark.parametrize(("page", "gone"), [
    ("6月1日,某社区党支部组织党员清理楼道杂物。\n本页面内容不允许直接阅读,请通过《某某晚报》客户端浏览查看。\n", "客户端"),
    ("6月1日,某社区党支部组织党员清理楼道杂物。\n本网站违法和不良信息举报电话:0551-1234567\n", "举报"),
    ("6月1日,某社区党支部组织党员清理楼道杂物。 责任编辑:王 五\n", "责任编辑"),
    ("6月1日,某社区党支部组织党员清理楼道杂物,(下转第3版)共清理杂物5车。\n", "下转"),
    ("6月1日,某社区党支部组织党员清理楼道杂物。\n[编辑:\n", "编辑"),
    ("6月1日,某社区党支部组织党员清理楼道杂物。\n新闻投稿:news@example.cn 新闻热线:0551-1234567\n", "投稿"),
    ("6月1日,某社区党支部组织党员清理楼道杂物。\n责任编辑:王五\n评论一下\n还没有评论,快来抢沙发吧!\n", "沙发"),
])
def test_more_page_furniture_is_dropped(page: str, gone: str) -> None:
    text = nz.normalize(page).text
    assert gone not in text and text.startswith("6月1日,某社区党支部组织党员清理楼道杂物")


def test_a_row_of_table_cells_above_the_date_is_no_title() -> None:
    page = ("索引号 | 0012/2023-00045 | 效力属性 | |\n发布机构 | 某镇人民政府 | 文 号 | |\n成文日期 | 发布日期 | 2023-04-11 |\n"
            "4月10日,某镇党委组织机关党员到某村开展植树活动,栽种树苗300余株。\n")
    doc = nz.normalize(page)
    assert doc.title is None and doc.published_date == dt.date(2023, 4, 11)


@pytest.mark.parametrize("furniture", ["00012版:要闻", "第B03版:乡镇", "第01版:", "发布时间:", "〉〉〉〉〉王五",
                                       "□通讯员李四报道", "文章插图", "0300400500000000000012",
                                       "还没有账号?"])
def test_page_labels_and_empty_labels_are_neither_title_nor_body(furniture: str) -> None:
    doc = nz.normalize(f"{furniture}\n某镇开展党员冬训\n{furniture}\n3月5日,某镇党委组织党员开展冬训,50余人参加。\n")
    assert doc.title == "某镇开展党员冬训" and doc.text == "3月5日,某镇党委组织党员开展冬训,50余人参加。"


def test_an_article_laid_out_as_verse_is_read_as_sentences() -> None:
    from partyevents.api import extract_text

    page = ("近日\n青松社区党支部\n联合辖区物业党支部\n开展了楼道清理\n志愿服务活动\n共有12名党员参加\n"
            "大家分工协作\n清理杂物3车\n来源:某街道\n")
    result = extract_text(page)
    assert result.documents[0]["status"] == "ok" and len(result.events) == 1
    assert [f["value"] for f in result.figures] == [12, 3]
    assert any("short lines without punctuation" in p["message"] for p in result.problems)
    assert "来源" not in result.documents[0]["text"]
    normal = nz.normalize("5月3日,某社区党支部组织党员清理楼道。\n活动现场\n志愿者合影\n")  # a body already: untouched
    assert normal.text.startswith("5月3日") and "join_short_lines" not in normal.fixes


def test_the_pages_own_address_dates_it_when_no_header_does() -> None:
    body = "5月6日,青竹镇团委组织青年志愿者清理河道垃圾,共25人参加。"
    text, facts, _ = nz.strip_boilerplate(f"{body}\n本文链接:https://www.example.cn/content/2020/05/08/77123.html")
    assert text == body and facts["published_date"] == dt.date(2020, 5, 8)
    footer = "编辑:李四\n欢迎分享本文。\n本文链接:https://www.example.cn/content/2020/05/08/77123.html"
    text, facts, _ = nz.strip_boilerplate(f"{body}\n{footer}")  # below the credits that end the article
    assert text == body and facts["published_date"] == dt.date(2020, 5, 8)
    _, facts, _ = nz.strip_boilerplate(f"发布时间:2020-05-07\n{body}\n原文链接:https://example.cn/202005/t20200508_1.html")
    assert facts["published_date"] == dt.date(2020, 5, 7)  # the header states it
    text, facts, _ = nz.strip_boilerplate(f"{body}\n本文链接:https://www.example.cn/a/77123.html")
    assert text == body and facts["published_date"] is None  # no date in the address: furniture only


def test_paragraphs_a_scraper_joined_with_spaces_are_lines_again() -> None:
    lead = "5月8日,青竹镇团委组织青年志愿者清理河道垃圾,沿河两岸共清理出各类垃圾20余袋,河道面貌焕然一新。" * 4
    second = "6月3日,青竹镇团委又组织志愿者走进敬老院,为老人打扫房间、理发修面,陪老人聊天。" * 3
    text = nz.normalize(f"短标题 配图说明。 {lead} {second}").text
    assert text.split("\n") == [f"短标题 配图说明。 {lead}", second]  # a short piece stays with what follows
    assert nz.normalize(f"{lead} {second}"[:120]).text == f"{lead} {second}"[:120]  # a short line stays whole
