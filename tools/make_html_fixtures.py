"""Regenerate the HTML fixtures in ``tests/data/html/`` from the sample reports in ``data/raw``.

    PYTHONPATH=src .venv/bin/python tools/make_html_fixtures.py

Each fixture wraps one sample's body (as the normalizer reads it) in the page
furniture scrapers bring along: a menu bar, a breadcrumb, a sidebar of other
headlines, a related-articles list, scripts, a share bar and a footer. The
five pages use five layouts and five ways of stating the publication date
(``<meta name="PubDate">``, ``article:published_time``, JSON-LD
``datePublished``, a 发布时间 line only, none at all), and five file names
(``.shtml``, ``.php``, ``.aspx``, ``.jsp``, no extension). ``expected.json``
records each page's title, date, body paragraphs and furniture strings.
"""

from __future__ import annotations

import html
import json
from pathlib import Path

from partyevents.normalize import normalize

ROOT = Path(__file__).resolve().parents[1]
RAW = ROOT / "data" / "raw"
OUT = ROOT / "tests" / "data" / "html"

# Furniture written for these fixtures (menu items, headlines of other articles, footer lines).
MENU = ["首页", "机构概况", "政务公开", "组工信息", "新闻中心", "办事服务", "互动交流"]
SIDEBAR = ["区委理论学习中心组开展专题学习研讨", "全区召开基层党建述职评议会议", "街道举办青年干部能力提升培训班",
           "机关党委组织开展廉政警示教育", "镇党委部署秋冬季环境整治工作"]
RELATED = ["社区党委召开年度组织生活会", "县委组织部调研村级集体经济发展", "市直机关开展读书分享活动"]
FOOTER = ["主办单位:示例区人民政府办公室", "网站标识码:1234567890", "备案号:示ICP备00000000号"]
PAGES = [  # (file name, title, date, how the date is given)
    ("000.shtml", "樊城区疫情防控期间组织工作动态", "2022-12-09", "pubdate"),
    ("001.php", "黄陂区选派社区第一书记助力基层治理", "2020-10-15", "og"),
    ("002.aspx", "基层党组织建设工作动态汇编", "2021-06-30", "jsonld"),
    ("003.jsp", "党员志愿服务活动情况通报", "2022-03-18", "infoline"),
    ("c_html_id_123", "社区党建工作简报", None, "none"),
]


def _page(title: str, date: str | None, how: str, paras: list[str], layout: int) -> str:
    esc = html.escape
    head = [f'<meta charset="utf-8"><title>{esc(title)}_示例区人民政府门户网站</title>',
            '<meta name="keywords" content="党建,组织工作">']
    if how == "pubdate" and date:
        head.append(f'<meta name="PubDate" content="{date} 10:26">')
    if how == "og" and date:
        head += [f'<meta property="og:title" content="{esc(title)}">',
                 f'<meta property="article:published_time" content="{date}T08:00:00+08:00">']
    if how == "jsonld" and date:
        head.append('<script type="application/ld+json">' + json.dumps(
            {"@context": "https://schema.org", "@type": "NewsArticle", "headline": title,
             "datePublished": f"{date}T09:00:00+08:00"}, ensure_ascii=False) + "</script>")
    head.append("<script>var _hmt = _hmt || []; document.write('<div>统计代码</div>');</script>")
    head.append("<style>.nav li{float:left} .footer{color:#666}</style>")
    menu = "".join(f'<li><a href="/c{i}/">{m}</a></li>' for i, m in enumerate(MENU))
    side = "".join(f'<li><a href="/s/{i}.html">{s}</a><span>2022-0{i + 1}-1{i}</span></li>'
                   for i, s in enumerate(SIDEBAR))
    rel = "".join(f'<li><a href="/r/{i}.html">{r}</a></li>' for i, r in enumerate(RELATED))
    info = f"发布时间:{date} 来源:区委组织部 浏览次数:321" if date and how in ("pubdate", "infoline") else "来源:区委组织部"
    body = "\n".join(f"<p>{esc(p)}</p>" for p in paras)
    foot = "<br>".join(FOOTER)
    if layout % 2 == 0:
        page = (f'<div class="top"><a href="/">网站首页</a> | <a href="/map">网站地图</a></div>'
                f'<div class="nav"><ul>{menu}</ul></div>'
                f'<div class="location">当前位置:<a href="/">首页</a> &gt; <a href="/c3/">组工信息</a></div>'
                f'<div class="wrap"><div class="left"><h3>热点排行</h3><ul>{side}</ul></div>'
                f'<div class="article"><h1>{esc(title)}</h1><div class="info">{info}</div>'
                f'<div class="TRS_Editor">{body}</div>'
                f'<div class="share">分享到:<a>微信</a><a>微博</a> <a href="javascript:window.print()">打印本页</a></div>'
                f'<div class="related"><h3>相关文章</h3><ul>{rel}</ul></div></div></div>'
                f'<div class="footer">{foot}</div>')
    else:
        page = (f'<table width="100%"><tr><td class="nav">{" | ".join(MENU)}</td></tr></table>'
                f'<table width="1000"><tr><td width="250" valign="top"><b>热点排行</b><ul>{side}</ul></td>'
                f'<td valign="top"><div id="title">{esc(title)}</div><div>{info}</div>'
                f'<div id="zoom">{body}</div><div>上一篇:<a href="/p">{RELATED[0]}</a></div>'
                f'<div>下一篇:<a href="/n">{RELATED[1]}</a></div></td></tr></table>'
                f'<div id="footer">{foot}</div>')
    return (f'<!DOCTYPE html>\n<html lang="zh-CN"><head>{"".join(head)}</head>\n<body>{page}\n'
            '<script src="/js/jquery.min.js"></script><script>$(function(){ $(".nav li").hover(); });</script>'
            '</body></html>\n')


def build() -> dict[str, dict[str, object]]:
    expected: dict[str, dict[str, object]] = {}
    samples = sorted(RAW.glob("*.txt"))
    for layout, ((name, title, date, how), path) in enumerate(zip(PAGES, samples, strict=True)):
        paras = [p for p in normalize(path.read_text(encoding="utf-8")).text.split("\n") if p.strip()]
        (OUT / name).write_text(_page(title, date, how, paras, layout), encoding="utf-8")
        expected[name] = {"sample": path.name, "title": title, "published": date if how != "none" else None,
                          "date_in": how, "paragraphs": paras, "furniture": MENU[1:] + SIDEBAR + RELATED + FOOTER}
    return expected


if __name__ == "__main__":
    OUT.mkdir(parents=True, exist_ok=True)
    exp = build()
    (OUT / "expected.json").write_text(json.dumps(exp, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {len(exp)} pages to {OUT}")
